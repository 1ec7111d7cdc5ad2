from core.sitemaps import I18nSitemap
from services.models import Provider, Service


class ServiceSitemap(I18nSitemap):
    """Every service's page (ended ones too: their records stay)."""

    changefreq = "weekly"

    def items(self):
        return Service.objects.only("pk", "name", "updated_at").order_by("pk")

    def lastmod(self, service):
        return service.updated_at


class ProviderSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return Provider.objects.only("pk", "name", "updated_at").order_by("pk")

    def lastmod(self, provider):
        return provider.updated_at
