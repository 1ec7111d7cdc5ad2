from django.urls import reverse

from core.sitemaps import I18nSitemap
from territory.models import Orp


class NetworkSitemap(I18nSitemap):
    """The network of services and the gap table, and the minimal-network page of every ORP."""

    changefreq = "monthly"

    def items(self):
        return ["network:index", "network:gaps", *Orp.objects.order_by("code").values_list("code", flat=True)]

    def location(self, item):
        if isinstance(item, str):
            return reverse(item)
        return reverse("network:orp-gaps", args=[item])
