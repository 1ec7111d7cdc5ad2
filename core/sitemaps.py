from django.contrib.sitemaps import Sitemap


class I18nSitemap(Sitemap):
    """A sitemap of pages in both languages, with hreflang alternates and an x-default."""

    i18n = True
    alternates = True
    x_default = True
