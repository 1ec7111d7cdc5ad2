"""The search logic behind services/filters.py: text matching, the territory picker, the place filter, and the
filters other apps contribute. The counts are made in memory by services/facet_index.py.

Kept apart from the FilterSet because none of it is about forms: the text rules must agree with
`Service.update_search_text`, and the place filter must agree with `ServiceQuerySet.in_area` (a service
matches an area where it has a facility, or which it serves by obec, by ORP or as a whole kraj; a service
without a located facility matches where the capacity overview counts it, its `orp`).
"""

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache as memoize
from functools import reduce
from operator import or_

from django.contrib.postgres.lookups import Unaccent
from django.contrib.postgres.search import TrigramWordSimilarity
from django.core.cache import cache
from django.db import connections
from django.db.models import Case, Count, Exists, F, OuterRef, Q, Value, When
from django.db.models.functions import Lower
from django.utils.translation import get_language

from core import contributions
from core.text import MAX_QUERY_LENGTH, normalize_search_text, search_tokens  # noqa: F401 (re-used here)
from services.models import Facility, Service, ServiceQuerySet, ServiceType
from territory.models import Kraj, Obec, Okres, Orp

# pg_trgm word similarity of a near miss: one wrong letter inside a word of five letters or more ("senjory"
# for "seniory" scores 0.45). The operator `%>` would use the GIN index, but its threshold is the session's
# pg_trgm.word_similarity_threshold (0.6, which misses most typos), hence the explicit comparison.
NEAR_MISS_SIMILARITY = 0.4
MIN_NEAR_MISS_LENGTH = 5
CACHE_TIMEOUT = 600

# --- Text -----------------------------------------------------------------------------------------


def near_misses(tokens: list[str], using: str) -> dict[str, list[int]]:
    """PostgreSQL: for each word of the query that occurs in no service at all (a typo), the services that
    have a similar word. A word that occurs somewhere is taken as meant: no near misses for it.

    Comparing word similarity scans the whole table (~0.3 s for 7,000 services), so the answer is cached
    per word; a service imported since then is still found by the exact words, only not by the typo.
    """
    if connections[using].vendor != "postgresql":
        return {}
    keys = {token: "services:search:near:" + hashlib.sha256(token.encode()).hexdigest()
            for token in tokens if len(token) >= MIN_NEAR_MISS_LENGTH}
    cached = cache.get_many(keys.values())
    found = {token: cached[key] for token, key in keys.items() if key in cached}
    missing = [token for token in keys if token not in found]
    if missing:
        services = Service.objects.using(using).order_by()
        occurrences = services.aggregate(**{f"w{index}": Count("pk", filter=Q(search_text__contains=token))
                                            for index, token in enumerate(missing)})
        typos = [token for index, token in enumerate(missing) if not occurrences[f"w{index}"]]
        found.update({token: [] for token in missing})
        if typos:
            similar = services.annotate(**{f"w{index}": TrigramWordSimilarity(token, "search_text")
                                           for index, token in enumerate(typos)})
            rows = similar.filter(reduce(or_, (Q(**{f"w{index}__gte": NEAR_MISS_SIMILARITY})
                                               for index in range(len(typos))))
                                  ).values_list("pk", *(f"w{index}" for index in range(len(typos))))
            for pk, *scores in rows:
                for token, score in zip(typos, scores, strict=True):
                    if score >= NEAR_MISS_SIMILARITY:
                        found[token].append(pk)
        cache.set_many({keys[token]: found[token] for token in missing}, CACHE_TIMEOUT)
    return {token: pks for token, pks in found.items() if pks}


def text_condition(tokens: list[str], near: dict[str, list[int]]) -> Q:
    """Every word must occur in the search text, or the service must be a near miss for it.

    `search_text` is lower case without diacritics already, so a plain LIKE is case-insensitive in effect
    and, unlike Django's icontains (UPPER(...) LIKE UPPER(...)), the GIN trigram index serves it.
    """
    condition = Q()
    for token in tokens:
        match = Q(search_text__contains=token)
        if near.get(token):
            match |= Q(pk__in=near[token])
        condition &= match
    return condition


def relevance(tokens: list[str]):
    """PostgreSQL only: how closely the query matches the service's name (pg_trgm word similarity), plus one
    when the whole query occurs in its search text as typed, so "domov pro seniory" ranks a Domov pro
    seniory first and a service that mentions one in its description after it. The name, not the long
    search text, is compared: that is ten times cheaper when a short query matches most of the registry.
    """
    phrase = " ".join(tokens)
    rank = (TrigramWordSimilarity(phrase, Unaccent(Lower("name")))
            + Case(When(search_text__contains=phrase, then=Value(1.0)), default=Value(0.0)))
    # A query that names a type of service ("domov pro seniory", "§ 49") puts the services of that type first:
    # a home for the elderly above an activation centre whose description mentions one.
    types = matching_service_types(tokens)
    if types:
        rank = rank + Case(When(service_type_id__in=types, then=Value(2.0)), default=Value(0.0))
    return rank


def matching_service_types(tokens: list[str]) -> list[int]:
    """Service types whose name (in either language) has a word starting with each of the query's words, or
    whose paragraph of the Act is one of them: "domov pro seniory" → domovy pro seniory (§ 49). Read from the
    cached codelist, so it costs no query."""
    if not tokens:
        return []
    found = []
    for item in codelist(ServiceType):
        paragraph = item.get("paragraph") or ""
        words = normalize_search_text(f"{item['name_cs']} {item['name_en'] or ''}").split()
        if all(any(word.startswith(token) for word in words) for token in tokens) or (
                paragraph and paragraph in tokens):
            found.append(item["pk"])
    return found


def vendor_of(queryset) -> str:
    return connections[queryset.db].vendor


# --- Filters other apps contribute ------------------------------------------------------------------


@dataclass(frozen=True)
class ContributedFilter:
    """A check box another app adds to the search, with its count like the other facets: e.g. "in the kraj's
    network of services" (network/search_facets.py). Apps above the registry declare them in a
    `search_facets.py` module with a `search_filters()` function (core.contributions), so the registry never
    imports them."""

    name: str  # the query parameter (`?network=on`)
    label: str
    help_text: str
    sections: tuple[str, ...]  # the page-cache sections of the data it reads: their changes rebuild the counts
    condition: Callable[[dt.date], Q]  # the services it keeps on a day, as a condition on Service


@memoize
def contributed_filters() -> tuple[ContributedFilter, ...]:
    """The contributed filters, in INSTALLED_APPS order (gathered once per process: they are declarations)."""
    return tuple(contributions.gather("search_facets", "search_filters"))


# --- Codelists, cached: they change only when the registry's codelists are reloaded ----------------


def codelist(model) -> list[dict]:
    """Items of a codelist as dicts (pk, code, name_cs, name_en; group for service types), registry order."""
    fields = ["pk", "code", "name_cs", "name_en"] + (["group", "paragraph"] if model is ServiceType else [])

    def load():
        return list(model.objects.order_by("number", "code").values(*fields))

    return cache.get_or_set(f"services:search:codelist:{model._meta.model_name}", load, CACHE_TIMEOUT)


def codelist_label(item: dict) -> str:
    """The item's name in the current language (as `Codelist.name`)."""
    return item["name_en"] if get_language() == "en" and item["name_en"] else item["name_cs"]


def kraj_codes() -> set[int]:
    return cache.get_or_set("services:search:kraj-codes", lambda: set(Kraj.objects.values_list("pk", flat=True)),
                            CACHE_TIMEOUT)


# --- Territory ------------------------------------------------------------------------------------

AREA_LEVELS = ("kraj", "okres", "orp", "obec")


@dataclass
class Area:
    """The place picked in the search form: the code chosen at each level, parents filled in, and the most
    specific level chosen, which is the one that filters (the levels above contain it)."""

    kraj: int | None = None
    okres: int | None = None
    orp: int | None = None
    obec: int | None = None
    level: str | None = None

    def codes(self) -> dict[str, int | None]:
        return {level: getattr(self, level) for level in AREA_LEVELS}


def _fits(actual, chosen) -> bool:
    return chosen is None or actual == chosen


def _obec_fits(obec, *, kraj, okres, orp) -> bool:
    if not _fits(obec.orp.kraj_id, kraj):
        return False
    if orp is not None:  # inside a chosen ORP the picker offers its obce (and the ORP must lie in the okres)
        return obec.orp_id == orp and (okres is None or obec.orp_in_okres)
    return _fits(obec.okres_id, okres)  # inside only an okres, the okres's obce


def resolve_area(*, kraj=None, okres=None, orp=None, obec=None) -> tuple[Area, list[str]]:
    """Settle the picked codes as TerritoryPickerForm narrows them: a unit must lie in the units picked above
    it. One that does not is dropped, because that is what happens when someone changes the kraj and
    submits without JavaScript (the ORP of the old kraj is still selected). The levels whose code exists
    nowhere are returned for a form error. The parents of the most specific unit are filled in, so
    `?orp=2101` alone is a working link. One query when a unit below kraj is picked, none otherwise.
    """
    unknown = []
    if obec is not None:
        obce = Obec.objects.select_related("orp").filter(pk=obec)
        if orp is not None and okres is not None:
            obce = obce.annotate(orp_in_okres=Exists(Orp.okresy.through.objects.filter(orp=OuterRef("orp"),
                                                                                      okres=okres)))
        unit = obce.first()
        if unit is None:
            unknown.append("obec")
        elif _obec_fits(unit, kraj=kraj, okres=okres, orp=orp):
            return Area(kraj=unit.orp.kraj_id, okres=okres if okres is not None else unit.okres_id,
                        orp=unit.orp_id, obec=unit.code, level="obec"), unknown
    if orp is not None:
        orps = Orp.objects.filter(pk=orp)
        if okres is not None:
            orps = orps.annotate(in_okres=Exists(Orp.okresy.through.objects.filter(orp=OuterRef("pk"), okres=okres)))
        unit = orps.first()
        if unit is None:
            unknown.append("orp")
        elif _fits(unit.kraj_id, kraj) and (okres is None or unit.in_okres):
            return Area(kraj=unit.kraj_id, okres=okres, orp=unit.code, level="orp"), unknown
    if okres is not None:
        unit = Okres.objects.filter(pk=okres).first()
        if unit is None:
            unknown.append("okres")
        elif _fits(unit.kraj_id, kraj):
            return Area(kraj=unit.kraj_id, okres=unit.code, level="okres"), unknown
    if kraj is not None:
        if kraj in kraj_codes():
            return Area(kraj=kraj, level="kraj"), unknown
        unknown.append("kraj")
    return Area(), unknown


# How a service reaches a unit of each level, from each of the five sources in_area() looks at:
# its facilities, the obce it serves, the ORP it serves, the kraje it serves as a whole, and (for a service
# without a located facility) the place the capacity overview counts it in (ServiceQuerySet.placed_by_seat).
AREA_SOURCES = (Facility, Service.served_obce.through, Service.served_orps.through, Service.served_kraje.through,
                Service)
AREA_PATHS = {
    level: (*paths, ServiceQuerySet.SEAT_PATHS[level]) for level, paths in {
        "kraj": ("obec__orp__kraj", "obec__orp__kraj", "orp__kraj", "kraj"),
        "okres": ("obec__okres", "obec__okres", "orp__okresy", "kraj__okresy"),
        "orp": ("obec__orp", "obec__orp", "orp", "kraj__orps"),
        "obec": ("obec", "obec", "orp__obce", "kraj__orps__obce"),
    }.items()
}


def _source_rows(source):
    """The rows of one source, each with a `service_id`."""
    if source is Service:
        return Service.objects.placed_by_seat().annotate(service_id=F("pk"))
    return source.objects.all()


def area_condition(level: str, code: int) -> Q:
    """Services that match the unit, by the rules of ServiceQuerySet.in_area() (a test keeps the two in
    agreement) but without its joins and DISTINCT: one uncorrelated IN (...) per source, which PostgreSQL
    runs once and hashes, where a correlated EXISTS would run five times per service."""
    return reduce(or_, (Q(pk__in=_source_rows(source).filter(**{path: code}).values("service_id"))
                        for source, path in zip(AREA_SOURCES, AREA_PATHS[level], strict=True)))
