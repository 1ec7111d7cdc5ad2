"""Hours of continuing education per calendar year: the valid certificates of the portal plus the education a person
recorded with a proof, against the statutory minimum of 24 hours a year (§ 111 of Act 108/2006 Sb. for social
workers, § 116 for workers in social services)."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import DecimalField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from education.models import Certificate, OwnRecord

STATUTORY_MINIMUM = Decimal(24)
ZERO = Decimal(0)


@dataclass
class YearHours:
    year: int
    certificates: Decimal = ZERO
    own: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.certificates + self.own

    @property
    def missing(self) -> Decimal:
        """Hours still needed to reach the minimum (0 when met)."""
        return max(ZERO, STATUTORY_MINIMUM - self.total)

    @property
    def is_met(self) -> bool:
        return self.total >= STATUTORY_MINIMUM

    @property
    def percent(self) -> int:
        """How far to the minimum, for a progress bar (at most 100)."""
        return min(100, int(self.total * 100 / STATUTORY_MINIMUM))


def hours_by_year(person) -> dict[int, YearHours]:
    """{year: YearHours} of every year the person has education in, plus the current year (two queries)."""
    years: dict[int, YearHours] = {}
    certificates = (Certificate.objects.valid().filter(person=person).annotate(year=ExtractYear("completed_on"))
                    .values("year").annotate(hours=Sum("hours")))
    for row in certificates:
        years.setdefault(row["year"], YearHours(row["year"])).certificates = row["hours"]
    own = (OwnRecord.objects.filter(person=person).annotate(year=ExtractYear("completed_on")).values("year")
           .annotate(hours=Sum("hours")))
    for row in own:
        years.setdefault(row["year"], YearHours(row["year"])).own = row["hours"]
    this_year = timezone.localdate().year
    years.setdefault(this_year, YearHours(this_year))
    return dict(sorted(years.items(), reverse=True))


def year_hours(person, year: int) -> YearHours:
    return hours_by_year(person).get(year) or YearHours(year)


def _sum_of(queryset, year: int):
    total = (queryset.filter(person=OuterRef("person"), completed_on__year=year).order_by()
             .values("person").annotate(total=Sum("hours")).values("total"))
    return Coalesce(Subquery(total, output_field=DecimalField(max_digits=7, decimal_places=1)),
                    Value(ZERO), output_field=DecimalField(max_digits=7, decimal_places=1))


def with_hours(workers, year: int):
    """ProviderWorker rows annotated with `certificate_hours` and `own_hours` of `year` (subqueries, so a list of
    workers costs one query whatever its length)."""
    return workers.annotate(certificate_hours=_sum_of(Certificate.objects.valid(), year),
                            own_hours=_sum_of(OwnRecord.objects.all(), year))


def worker_hours(worker, year: int) -> YearHours:
    """The YearHours of a worker annotated by with_hours()."""
    return YearHours(year, certificates=worker.certificate_hours, own=worker.own_hours)
