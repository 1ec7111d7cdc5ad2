"""The typology of services for families with children: which service types of the registry can deliver each
category (the network's group of the category, which superusers adjust in the administration), the services
outside the registry that can deliver it too, and the registry services of a kraj a coordinator may invite to
a framework agreement.

Services outside the registry are named here and not in the network's codelist because the registry cannot
hold them: a person entrusted with social and legal protection of children (pověřená osoba, § 48 of Act
359/1999 Sb.) is not a social service under Act 108/2006 Sb.
"""

from django.db.models import Exists, OuterRef, Prefetch
from django.utils.translation import gettext_lazy as _

from families.models import Category, FrameworkAgreement
from network.models import ServiceTypeGroup
from services.models import Service, ServiceType

OUTSIDE_REGISTRY = {
    Category.RESIDENTIAL: [
        _("persons entrusted with social and legal protection of children that run a residential programme "
          "for parents with children (§ 48 of Act 359/1999 Sb.)"),
    ],
    Category.COUNSELLING: [
        _("persons entrusted with social and legal protection of children offering counselling or assessment of "
          "the family's situation (§ 48 of Act 359/1999 Sb.)"),
        _("psychological and psychiatric diagnostics of children provided by health services"),
    ],
    Category.FIELD: [
        _("persons entrusted with social and legal protection of children that accompany families in their "
          "homes (§ 48 of Act 359/1999 Sb.)"),
    ],
}


def categories() -> list[dict]:
    """Each category with its group's service types and the services outside the registry (2 queries)."""
    groups = {group.code: group for group in ServiceTypeGroup.objects.filter(code__in=Category.values)
              .prefetch_related(Prefetch("service_types", queryset=ServiceType.objects.order_by("number")))}
    return [{"category": value, "label": label, "group": groups.get(value),
             "types": list(groups[value].service_types.all()) if value in groups else [],
             "outside_registry": OUTSIDE_REGISTRY.get(value, [])} for value, label in Category.choices]


def suggested_services(kraj, category, types) -> list[Service]:
    """Active registry services of the kraj of the category's types, with whether an agreement of the category in
    force already names them (one query per category)."""
    covered = FrameworkAgreement.objects.in_force().filter(kraj=kraj, category=category, services=OuterRef("pk"))
    return list(Service.objects.active().in_kraje([kraj]).filter(service_type__in=types)
                .select_related("provider", "service_type", "orp")
                .annotate(in_agreement=Exists(covered)).order_by("provider__name", "name"))
