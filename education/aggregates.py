"""The kraj's anonymised figures: hours of continuing education by role and by ORP, and the picture of its
providers' self-assessments by standard, criterion and service type.

Anonymised means no names and no cell that could stand for one organisation: a cell counted from fewer than
MIN_PROVIDERS providers is suppressed (shown as such, its numbers withheld), so neither the kraj's figures nor the
catalogue's "weakest standards" ever reveal a single provider's self-assessment or a small team's hours."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, DecimalField, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from education.hours import STATUTORY_MINIMUM, ZERO, with_hours
from education.models import (
    CriterionRating,
    ProviderWorker,
    Rating,
    Role,
    SelfAssessmentRound,
    SupervisionSession,
)
from services.models import Provider, Service, ServiceType

MIN_PROVIDERS = 3


# --- Hours ------------------------------------------------------------------------------------------------------


@dataclass
class HoursCell:
    label: str
    providers: set = field(default_factory=set)
    workers: int = 0
    hours: Decimal = ZERO
    met: int = 0

    def add(self, provider_id: int, hours: Decimal) -> None:
        self.providers.add(provider_id)
        self.workers += 1
        self.hours += hours
        self.met += hours >= STATUTORY_MINIMUM

    @property
    def suppressed(self) -> bool:
        return len(self.providers) < MIN_PROVIDERS

    @property
    def average(self) -> Decimal | None:
        return None if self.suppressed or not self.workers else (self.hours / self.workers).quantize(Decimal("0.1"))

    @property
    def met_percent(self) -> int | None:
        return None if self.suppressed or not self.workers else round(self.met * 100 / self.workers)


@dataclass
class KrajHours:
    year: int
    total: HoursCell
    by_role: list[HoursCell]
    by_orp: list[HoursCell]


def kraj_hours(kraj, year: int) -> KrajHours:
    """Hours of the workers linked to the kraj's providers, by role and by the ORP they work in (their service's,
    else the provider's seat). Workers placed in another kraj's ORP are counted there, not here. Three queries."""
    orps = {orp.pk: orp for orp in kraj.orps.order_by("name")}
    roles = {role.pk: role for role in Role.objects.all()}
    workers = (with_hours(ProviderWorker.objects.current().filter(
        provider__in=Provider.objects.in_kraje([kraj]).values("pk")), year)
        .annotate(place=Coalesce("service__orp", "provider__obec__orp"))
        .values_list("provider_id", "role_id", "place", "certificate_hours", "own_hours"))
    total = HoursCell(str(kraj))
    by_role = {pk: HoursCell(role.name) for pk, role in roles.items()}
    by_orp = {pk: HoursCell(orp.name) for pk, orp in orps.items()}
    for provider_id, role_id, place, certificate_hours, own_hours in workers:
        if place not in orps:
            continue
        hours = certificate_hours + own_hours
        for cell in (total, by_role[role_id], by_orp[place]):
            cell.add(provider_id, hours)
    return KrajHours(year, total, [cell for cell in by_role.values() if cell.workers],
                     [cell for cell in by_orp.values() if cell.workers])


# --- The quality picture -----------------------------------------------------------------------------------------


@dataclass
class RatingCell:
    label: str
    providers: set = field(default_factory=set)
    counts: dict = field(default_factory=lambda: defaultdict(int))

    def add(self, provider_id: int, rating: str) -> None:
        self.providers.add(provider_id)
        self.counts[rating] += 1

    @property
    def suppressed(self) -> bool:
        return len(self.providers) < MIN_PROVIDERS

    @property
    def rated(self) -> int:
        return sum(self.counts.values())

    def _percent(self, rating) -> int | None:
        return None if self.suppressed or not self.rated else round(self.counts[rating] * 100 / self.rated)

    @property
    def not_percent(self) -> int | None:
        return self._percent(Rating.NOT_FULFILLED)

    @property
    def partly_percent(self) -> int | None:
        return self._percent(Rating.PARTLY)

    @property
    def weakness(self) -> float | None:
        """0 when everything is fulfilled, 1 when nothing is (partly counts half); None when suppressed."""
        if self.suppressed or not self.rated:
            return None
        return (self.counts[Rating.NOT_FULFILLED] + self.counts[Rating.PARTLY] / 2) / self.rated


@dataclass
class QualityPicture:
    providers: int
    standards: list  # [(standard, RatingCell, [(criterion, RatingCell)])]
    by_service_type: list  # [(service type, [RatingCell per standard])]
    standard_list: list


def _latest_rounds(kraj):
    return SelfAssessmentRound.objects.latest_completed_per_provider().in_kraje([kraj])


def kraj_quality(kraj) -> QualityPicture:
    """Which standards and criteria the kraj's providers most often do not fulfil (their latest completed round
    each), overall and by the service types the rounds covered. Five queries."""
    from network.models import QualityCriterion, QualityStandard

    rounds = _latest_rounds(kraj)
    standards = list(QualityStandard.objects.order_by("number"))
    criteria = list(QualityCriterion.objects.order_by("standard__number", "order", "code"))
    ratings = list(CriterionRating.objects.filter(round__in=rounds).exclude(rating__in=["", Rating.NOT_APPLICABLE])
                   .values_list("round_id", "round__provider_id", "criterion_id", "criterion__standard_id", "rating"))
    types_of_round = defaultdict(set)
    for round_id, type_id in (SelfAssessmentRound.services.through.objects.filter(selfassessmentround__in=rounds)
                              .values_list("selfassessmentround_id", "service__service_type_id")):
        types_of_round[round_id].add(type_id)
    by_standard = {s.pk: RatingCell(str(s)) for s in standards}
    by_criterion = {c.pk: RatingCell(c.code) for c in criteria}
    by_type = defaultdict(lambda: {s.pk: RatingCell(str(s)) for s in standards})
    providers = set()
    for round_id, provider_id, criterion_id, standard_id, rating in ratings:
        providers.add(provider_id)
        by_standard[standard_id].add(provider_id, rating)
        by_criterion[criterion_id].add(provider_id, rating)
        for type_id in types_of_round[round_id]:
            by_type[type_id][standard_id].add(provider_id, rating)
    type_labels = {t.pk: t.label for t in ServiceType.objects.filter(pk__in=list(by_type))}
    criteria_of = defaultdict(list)
    for criterion in criteria:
        criteria_of[criterion.standard_id].append((criterion, by_criterion[criterion.pk]))
    return QualityPicture(
        providers=len(providers),
        standards=[(s, by_standard[s.pk], criteria_of[s.pk]) for s in standards],
        by_service_type=sorted(((type_labels.get(type_id, ""), [cells[s.pk] for s in standards])
                                for type_id, cells in by_type.items()), key=lambda item: item[0]),
        standard_list=standards)


def weakest_standards(kraj, count: int = 3) -> list:
    """The `count` standards the kraj's providers fulfil least (weakness > 0, cells of at least MIN_PROVIDERS
    providers only): what the kraj should teach next. Two queries."""
    from network.models import QualityStandard

    rounds = _latest_rounds(kraj)
    rows = (CriterionRating.objects.filter(round__in=rounds).exclude(rating__in=["", Rating.NOT_APPLICABLE])
            .values("criterion__standard_id").annotate(
                providers=Count("round__provider", distinct=True), rated=Count("pk"),
                not_fulfilled=Count("pk", filter=Q(rating=Rating.NOT_FULFILLED)),
                partly=Count("pk", filter=Q(rating=Rating.PARTLY))))
    scored = [((row["not_fulfilled"] + row["partly"] / 2) / row["rated"], row["criterion__standard_id"])
              for row in rows if row["providers"] >= MIN_PROVIDERS and row["rated"]]
    weakest = [pk for weakness, pk in sorted(scored, key=lambda item: (-item[0], item[1])) if weakness > 0][:count]
    standards = QualityStandard.objects.in_bulk(weakest) if weakest else {}
    return [standards[pk] for pk in weakest]


# --- Supervision coverage ------------------------------------------------------------------------------------


def services_with_supervision(kraj, year: int):
    """The kraj's active services (counted in its ORPs) with the number and hours of their supervision sessions in
    `year` (subqueries: one query for any number of services)."""
    sessions = SupervisionSession.objects.in_year(year).filter(service=OuterRef("pk")).order_by().values("service")
    return (Service.objects.active().filter(orp__kraj=kraj).select_related("provider", "service_type", "orp")
            .annotate(sessions=Coalesce(Subquery(sessions.annotate(n=Count("pk")).values("n")), Value(0)),
                      supervision_hours=Coalesce(Subquery(sessions.annotate(h=Sum("hours")).values("h"),
                                                          output_field=DecimalField(max_digits=7, decimal_places=1)),
                                                 Value(ZERO), output_field=DecimalField(max_digits=7,
                                                                                        decimal_places=1))))


def this_year() -> int:
    return timezone.localdate().year
