from django.urls import reverse

from core.sitemaps import I18nSitemap


class FamiliesSitemap(I18nSitemap):
    """The public pages of the families app: what minitendry are, the aggregated statistics, the minimal network
    for families and the typology. Never a request, an offer or a contract (those are signed-in casework)."""

    changefreq = "monthly"

    def items(self):
        return ["families:index", "families:statistics", "families:minimal-network", "families:typology"]

    def location(self, item):
        return reverse(item)
