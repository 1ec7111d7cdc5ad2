from django.contrib.sitemaps import Sitemap

from services.models import Provider, Service


class ServiceSitemap(Sitemap):
    """Every service's page (ended ones too: their records stay), in both languages with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "weekly"

    def items(self):
        return Service.objects.only("pk", "name", "updated_at").order_by("pk")

    def lastmod(self, service):
        return service.updated_at


class ProviderSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self):
        return Provider.objects.only("pk", "name", "updated_at").order_by("pk")

    def lastmod(self, provider):
        return provider.updated_at
