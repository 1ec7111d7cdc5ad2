"""The three categories of the kraj's framework agreements for families at risk (the ministry's pilot of
minitendry): residential services, specialised counselling and diagnostics, field and outpatient services.

Each category *is* one of the network's groups of service types (network.ServiceTypeGroup, loaded by the
network's codelists with these codes): the group's service types are the category's typology, and the network's
minimal-network rules for the group are the category's minimal network. Nothing of the typology is copied here.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    # Values are the codes of network.ServiceTypeGroup (network/codelists.py FAMILY_GROUPS).
    RESIDENTIAL = "rodiny-pobytove", _("residential services")
    COUNSELLING = "rodiny-poradenstvi", _("specialised counselling and diagnostics")
    FIELD = "rodiny-terenni-ambulantni", _("field and outpatient services for families and children")


class PriceUnit(models.TextChoices):
    """The units an agreement prices and an offer counts."""

    HOUR = "hour", _("hour")
    DAY = "day", _("day")
    INTERVENTION = "intervention", _("intervention")
