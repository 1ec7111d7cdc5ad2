from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import pagecache


class FamiliesConfig(AppConfig):
    name = "families"
    verbose_name = _("Services for families at risk")
    # The public pages (statistics, minimal network for families, typology) show aggregates of these models; the
    # casework pages are never cached.
    page_cache = (
        pagecache.watch("families", "FrameworkAgreement", "ServiceRequest", "Offer", "PartialContract",
                        "DeliveryReport"),
    )
