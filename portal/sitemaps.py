from django.urls import reverse

from core.sitemaps import I18nSitemap


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
