from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class StaticPagesSitemap(Sitemap):
    """The site pages, in both languages with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        return [
            "portal:home", "portal:about", "portal:accessibility", "portal:contact",
            "services:index", "services:capacity", "coalitions:index", "coalitions:events",
            "discussions:index", "territory:index",
        ]

    def location(self, item):
        return reverse(item)
