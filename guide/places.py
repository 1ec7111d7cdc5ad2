"""Where the person is: an obec or an ORP, typed by name (without diacritics too) or given by its code.

The names of all obce and ORP are kept in the cache (a territorial codelist changes once a year), so typing
"Kladno" costs no query to find the code; the chosen place is then read with its ORP, okres and kraj.
Territory has no coordinates, so nearness is counted in territorial steps (guide/ranking.py).
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from core.text import normalize_search_text
from territory.models import Obec, Orp

CACHE_KEY = "guide:places:v1"
CACHE_TIMEOUT = 24 * 3600


@dataclass(frozen=True)
class Place:
    """The resolved place: its level ("obec" or "orp"), code and name, and the codes of the units above."""

    level: str
    code: int
    name: str
    orp: int
    orp_name: str
    okres: int | None
    okres_name: str
    kraj: int

    def query(self) -> dict:
        return {self.level: self.code}


@dataclass(frozen=True)
class Candidate:
    level: str
    code: int
    name: str
    detail: str  # the okres of an obec, "ORP" for an ORP


def _names() -> dict[str, list[tuple]]:
    """normalised name → [(level, code, name, detail)], from the cache or two queries; obce of the portal's own
    kraj first."""
    def load():
        found: dict[str, list[tuple]] = {}
        home = settings.PORTAL_REGION
        obce = Obec.objects.values_list("code", "name", "okres__name", "orp__kraj__nuts3")
        for code, name, okres, kraj in sorted(obce, key=lambda row: (row[3] != home, row[2], row[0])):
            found.setdefault(normalize_search_text(name), []).append(("obec", code, name, okres))
        for code, name in Orp.objects.order_by("name").values_list("code", "name"):
            found.setdefault(normalize_search_text(name), []).append(("orp", code, name, ""))
        return found

    return cache.get_or_set(CACHE_KEY, load, CACHE_TIMEOUT)


def candidates(text: str) -> list[Candidate]:
    """Places whose name is the text (case and diacritics ignored). An obec shadows the ORP of the same name
    (the town Kladno rather than the ORP Kladno): a person lives in an obec."""
    found = _names().get(normalize_search_text(text[:100]), [])
    obce = [Candidate(*item) for item in found if item[0] == "obec"]
    return obce or [Candidate(*item) for item in found]


def resolve(*, obec: int | None = None, orp: int | None = None) -> Place | None:
    """The place of a code (one query), or None when no such obec or ORP exists."""
    if obec is not None:
        unit = Obec.objects.select_related("orp", "okres").filter(pk=obec).first()
        if unit is not None:
            return Place("obec", unit.code, unit.name, unit.orp_id, unit.orp.name, unit.okres_id, unit.okres.name,
                         unit.orp.kraj_id)
    if orp is not None:
        unit = Orp.objects.filter(pk=orp).first()
        if unit is not None:
            return Place("orp", unit.code, unit.name, unit.code, unit.name, None, "", unit.kraj_id)
    return None
