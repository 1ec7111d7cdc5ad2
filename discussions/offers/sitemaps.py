from discussions.offers.models import Offer
from core.sitemaps import I18nSitemap


class OfferSitemap(I18nSitemap):
    """Only what the public board shows: current, unresolved, not hidden."""

    changefreq = "daily"

    def items(self):
        return Offer.objects.current().order_by("pk")

    def lastmod(self, offer):
        return offer.updated_at
