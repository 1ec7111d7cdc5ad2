from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

from core import pagecache


def _ensure_codelists(sender, **kwargs):
    """Reload the quality standards and type groups when a flush emptied the tables (transactional tests)."""
    from network.codelists import ensure_codelists

    ensure_codelists()


class NetworkConfig(AppConfig):
    name = "network"
    verbose_name = _("Network of social services and quality")
    # The public network pages, the gap map and the network lines on service pages follow these models.
    page_cache = (
        pagecache.watch("network", "NetworkMembership", "NetworkChange", "MinimalNetworkNorm", "OrpPopulation",
                        "ServiceTypeGroup", "AnnualFigures", "DisclosureSettings", "Audit", "StandardResult",
                        "QualityStandard"),
    )

    def ready(self):
        post_migrate.connect(_ensure_codelists, sender=self, dispatch_uid="network.ensure_codelists")
