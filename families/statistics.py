"""Statistics of minitendry for a kraj and the ministry: requests, offers per request, time to contract, partial
contracts and their value per category, per ORP, per provider and per year. Everything here is an aggregate; no
free text and nothing that names a family ever leaves this module.

`compute()` reads what a page needs in a fixed number of queries (6, and 2 for the breakdown per provider),
however many requests there are. A request counts in the year it was posted; a contract in the year it was
concluded (as the pilot counted them).
"""

import statistics as stats
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.utils import timezone

from families.models import Category, Offer, PartialContract, ServiceRequest

CATEGORIES = list(Category.values)


@dataclass
class CategoryCounts:
    """Counts and values per category, with their totals."""

    counts: dict = field(default_factory=lambda: {category: 0 for category in CATEGORIES})
    values: dict = field(default_factory=lambda: {category: Decimal(0) for category in CATEGORIES})

    def add(self, category, count, value=Decimal(0)):
        self.counts[category] += count
        self.values[category] += value or Decimal(0)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def value(self) -> Decimal:
        return sum(self.values.values(), Decimal(0))

    def cells(self) -> list[int]:
        return [self.counts[category] for category in CATEGORIES]


@dataclass
class KrajSummary:
    kraj_id: int
    name: str
    requests: int = 0
    answered: int = 0  # requests with at least one offer
    cancelled: int = 0
    offers: int = 0
    contracts: CategoryCounts = field(default_factory=CategoryCounts)
    days_to_contract: list = field(default_factory=list)

    @property
    def offers_per_request(self) -> float | None:
        return self.offers / self.requests if self.requests else None

    @property
    def median_days(self) -> float | None:
        return stats.median(self.days_to_contract) if self.days_to_contract else None


@dataclass
class Statistics:
    kraje: list  # KrajSummary, by name
    total: KrajSummary
    years: list  # (year, kraj name, CategoryCounts) rows
    orps: list  # (orp name, kraj name, requests CategoryCounts, contracts CategoryCounts)
    providers: list  # dicts: name, kraj, offers, selected, contracts, value (only for the allowed kraje)
    requests_by_category: CategoryCounts


def _kraj_filter(queryset, path, kraj, year_path, year):
    if kraj is not None:
        queryset = queryset.filter(**{f"{path}__kraj": kraj})
    if year is not None:
        queryset = queryset.filter(**{f"{year_path}__year": year})
    return queryset


def compute(*, kraj=None, year=None, provider_kraje=()) -> Statistics:
    """The statistics of one kraj (or of every kraj with data: kraj None) in one year (or all years: None).
    Per provider only for the kraje in `provider_kraje` (primary keys: the coordinator's own)."""
    requests = _kraj_filter(ServiceRequest.objects.all(), "orp", kraj, "created_at", year)
    contracts = _kraj_filter(PartialContract.objects.all(), "request__orp", kraj, "concluded_on", year)
    offers = _kraj_filter(Offer.objects.valid(), "request__orp", kraj, "request__created_at", year)

    summaries = {}

    def summary(kraj_id, name):
        return summaries.setdefault(kraj_id, KrajSummary(kraj_id, name))

    by_category = CategoryCounts()
    has_offer = Exists(Offer.objects.valid().filter(request=OuterRef("pk")))
    for kraj_id, name, category, count, answered, cancelled in (
            requests.values_list("orp__kraj", "orp__kraj__name", "category")
            .annotate(n=Count("pk"), answered=Count("pk", filter=Q(has_offer)),
                      cancelled=Count("pk", filter=Q(state=ServiceRequest.State.CANCELLED))).order_by()):
        row = summary(kraj_id, name)
        row.requests += count
        row.answered += answered
        row.cancelled += cancelled
        by_category.add(category, count)
    for kraj_id, name, count in (offers.values_list("request__orp__kraj", "request__orp__kraj__name")
                                 .annotate(n=Count("pk")).order_by()):
        summary(kraj_id, name).offers += count

    years = defaultdict(CategoryCounts)
    for kraj_id, name, category, concluded_year, count, value in (
            contracts.values_list("request__orp__kraj", "request__orp__kraj__name", "request__category",
                                  "concluded_on__year")
            .annotate(n=Count("pk"), value=Sum("value")).order_by()):
        summary(kraj_id, name).contracts.add(category, count, value)
        years[(concluded_year, name)].add(category, count, value)
    for kraj_id, posted, concluded in contracts.values_list("request__orp__kraj", "request__created_at",
                                                            "concluded_on"):
        summaries[kraj_id].days_to_contract.append((concluded - timezone.localdate(posted)).days)

    orp_requests, orp_contracts, orp_names = defaultdict(CategoryCounts), defaultdict(CategoryCounts), {}
    for orp_id, orp_name, kraj_name, category, count in (
            requests.values_list("orp", "orp__name", "orp__kraj__name", "category").annotate(n=Count("pk"))
            .order_by()):
        orp_requests[orp_id].add(category, count)
        orp_names[orp_id] = (orp_name, kraj_name)
    for orp_id, orp_name, kraj_name, category, count, value in (
            contracts.values_list("request__orp", "request__orp__name", "request__orp__kraj__name",
                                  "request__category").annotate(n=Count("pk"), value=Sum("value")).order_by()):
        orp_contracts[orp_id].add(category, count, value)
        orp_names[orp_id] = (orp_name, kraj_name)

    providers = _providers(offers, contracts, provider_kraje) if provider_kraje else []

    kraje = sorted(summaries.values(), key=lambda row: row.name)
    total = KrajSummary(0, "")
    for row in kraje:
        total.requests += row.requests
        total.answered += row.answered
        total.cancelled += row.cancelled
        total.offers += row.offers
        total.days_to_contract += row.days_to_contract
        for category in CATEGORIES:
            total.contracts.add(category, row.contracts.counts[category], row.contracts.values[category])
    return Statistics(
        kraje=kraje, total=total,
        years=[(year_, name, counts) for (year_, name), counts in sorted(years.items())],
        orps=sorted(((names[0], names[1], orp_requests[pk], orp_contracts[pk]) for pk, names in orp_names.items()),
                    key=lambda row: (row[1], row[0])),
        providers=providers, requests_by_category=by_category)


def _providers(offers, contracts, provider_kraje) -> list[dict]:
    rows = {}
    for provider_id, name, kraj_name, count, selected in (
            offers.filter(request__orp__kraj__in=provider_kraje)
            .values_list("provider", "provider__name", "request__orp__kraj__name")
            .annotate(n=Count("pk"), selected=Count("pk", filter=Q(state=Offer.State.SELECTED))).order_by()):
        rows[(provider_id, kraj_name)] = {"name": name, "kraj": kraj_name, "offers": count, "selected": selected,
                                          "contracts": 0, "value": Decimal(0)}
    for provider_id, name, kraj_name, count, value in (
            contracts.filter(request__orp__kraj__in=provider_kraje)
            .values_list("provider", "provider__name", "request__orp__kraj__name")
            .annotate(n=Count("pk"), value=Sum("value")).order_by()):
        row = rows.setdefault((provider_id, kraj_name), {"name": name, "kraj": kraj_name, "offers": 0,
                                                        "selected": 0, "contracts": 0, "value": Decimal(0)})
        row["contracts"], row["value"] = count, value or Decimal(0)
    return sorted(rows.values(), key=lambda row: (row["kraj"], -row["value"], row["name"]))


def years_with_data() -> list[int]:
    return sorted({moment.year for moment in ServiceRequest.objects.datetimes("created_at", "year")} |
                  {day.year for day in PartialContract.objects.dates("concluded_on", "year")}, reverse=True)
