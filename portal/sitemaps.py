from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class I18nSitemap(Sitemap):
    """A sitemap of pages in both languages, with hreflang alternates and an x-default."""

    i18n = True
    alternates = True
    x_default = True


class StaticPagesSitemap(I18nSitemap):
    """The site pages."""

    changefreq = "monthly"

    def items(self):
        return [
            "portal:home", "portal:about", "portal:accessibility", "portal:privacy", "portal:contact",
            "services:index", "services:capacity", "coalitions:index", "coalitions:events",
            "discussions:index", "territory:index",
        ]

    def location(self, item):
        return reverse(item)
