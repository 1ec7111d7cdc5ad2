"""Services near a place for each service type that fits a situation, in one query.

Order within a type: services with free places now (a fresh report with at least one free place) first, then
nearness, then fit (the service declares the person's age group and one of the situation's target groups),
then name. The portal's territory has no coordinates (obce carry no centroids, facilities only sometimes),
so nearness is counted in territorial steps, from the person's obec outwards:

0. in the obec, or coming to it (a facility there, or the service serves the obec or its ORP),
1. in the obec's ORP,
2. in its okres,
3. elsewhere in the kraj (services that serve the whole kraj included).

Only services of the place's kraj are looked at (ServiceQuerySet.in_kraje: a facility there, counted in one of
its ORP, or serving the kraj, an ORP or an obec of it: the registry search's area rules for a kraj).
Each type shows its first `per_type` services; the window also counts all and the free ones per type.
"""

from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, Sum, Value, When, Window
from django.db.models.functions import RowNumber

from guide.places import Place
from services.models import Facility, Service, outdated_before

PER_TYPE = 5
NEARNESS_LABELS = ("here", "orp", "okres", "kraj")


def _nearness(place: Place):
    """0–3 as described in the module's docstring. Correlated subqueries: they run only for the services of
    the types and kraj asked for, not over the whole registry."""
    service = OuterRef("pk")
    facilities = Facility.objects.filter(service=service)
    served_obce = Service.served_obce.through.objects.filter(service=service)
    served_orps = Service.served_orps.through.objects.filter(service=service)
    # A service without a located facility is placed at its provider's seat (ServiceQuerySet.placed_by_seat);
    # its `orp` is the seat's ORP, and for the others the ORP of their first facility.
    by_seat = ~Exists(facilities.filter(obec__isnull=False))
    if place.level == "obec":
        here = (Exists(facilities.filter(obec=place.code)) | Exists(served_obce.filter(obec=place.code))
                | Exists(served_orps.filter(orp=place.orp)) | (by_seat & Q(provider__obec=place.code)))
    else:
        here = Exists(facilities.filter(obec__orp=place.orp)) | Exists(served_orps.filter(orp=place.orp))
    in_orp = Exists(facilities.filter(obec__orp=place.orp)) | Q(orp=place.orp)
    whens = [When(here, then=Value(0)), When(in_orp, then=Value(1))]
    if place.okres is not None:
        whens.append(When(Exists(facilities.filter(obec__okres=place.okres)), then=Value(2)))
    return Case(*whens, default=Value(3), output_field=IntegerField())


def _fit(situation_pk: int, age_group_ids: list[int] | None):
    """0–2: the service declares one of the wanted age groups (the person's, else the situation's), and one of
    the situation's target groups. Subqueries, so no query for the situation's groups."""
    from guide.models import Situation

    service = OuterRef("pk")
    ages = Service.age_groups.through.objects.filter(service=service)
    if age_group_ids:
        ages = ages.filter(agegroup__in=age_group_ids)
    else:
        ages = ages.filter(agegroup__in=Situation.age_groups.through.objects.filter(
            situation=situation_pk).values("agegroup"))
    targets = Service.target_groups.through.objects.filter(service=service, targetgroup__in=(
        Situation.target_groups.through.objects.filter(situation=situation_pk).values("targetgroup")))
    return (Case(When(Exists(ages), then=Value(1)), default=Value(0), output_field=IntegerField())
            + Case(When(Exists(targets), then=Value(1)), default=Value(0), output_field=IntegerField()))


def nearby_services(*, situation_pk: int, service_type_ids: list[int], place: Place,
                    age_group_ids: list[int] | None = None, per_type: int = PER_TYPE) -> dict[int, dict]:
    """service type id → {"services": [...], "total": n, "free": n} for the place's kraj."""
    if not service_type_ids:
        return {}
    free_now = Case(When(current_free_places__gt=0, current_report_at__gte=outdated_before(), then=Value(1)),
                    default=Value(0), output_field=IntegerField())
    services = (Service.objects.active().filter(service_type__in=service_type_ids)
                .in_kraje([place.kraj])
                .select_related("provider", "service_type")
                .defer("description", "how_to_get", "search_text", "target_groups_note", "age_groups_note",
                       "provider__address")
                .annotate(free_now=free_now, nearness=_nearness(place), fit=_fit(situation_pk, age_group_ids)))
    ranked = services.annotate(
        position=Window(RowNumber(), partition_by=[F("service_type")],
                        order_by=[F("free_now").desc(), F("nearness").asc(), F("fit").desc(), F("name").asc(),
                                  F("pk").asc()]),
        type_total=Window(Count("pk"), partition_by=[F("service_type")]),
        type_free=Window(Sum("free_now"), partition_by=[F("service_type")]),
    ).filter(position__lte=per_type).order_by("service_type_id", "position")
    found: dict[int, dict] = {}
    for service in ranked.prefetch_related(_facilities_prefetch()):
        entry = found.setdefault(service.service_type_id, {"services": [], "total": service.type_total,
                                                            "free": service.type_free or 0})
        service.nearness_label = NEARNESS_LABELS[service.nearness]
        entry["services"].append(service)
    return found


def _facilities_prefetch():
    from django.db.models import Prefetch

    return Prefetch("facilities", queryset=Facility.objects.select_related("obec").order_by("name", "pk"))
