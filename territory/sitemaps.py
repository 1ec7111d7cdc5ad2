from core.sitemaps import I18nSitemap
from territory.models import Kraj, Orp


class OrpSitemap(I18nSitemap):
    """Pages of kraje and ORPs."""

    changefreq = "yearly"

    def items(self):
        return [*Kraj.objects.order_by("code"), *Orp.objects.order_by("code")]
