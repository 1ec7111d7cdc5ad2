"""The registry search understands situations: "maminka uz nemuze byt sama doma" finds the situation
"My mother or father can no longer live alone" even though no service is called that.

The registry search (services/views/search.py) asks `core.contributions.gather("search", "search_hints", …)`,
so services never imports the guide. Matching is done in Python against an index of every published
situation's normalised words (names and search phrases count more than descriptions), kept per process and
rebuilt when the "guide" page-cache generation changes: a search costs no query once the index is built.

Czech inflects words ("dluh", "dluhy", "dluhů"), so two words match when they share all but the last letter
of the shorter one (and at least three letters): "bytu" finds "byt", "mrtvici" finds "mrtvice". A search
phrase that occurs in the query word for word scores on top, so "dluhy" ranks the situation about debts
above one that merely mentions them.
"""

import re
import threading
from dataclasses import dataclass, field

from django.utils.translation import get_language

from core import pagecache
from core.text import MAX_QUERY_LENGTH, normalize_search_text

SECTION = "guide"
# Short words that carry no meaning for matching (normalised, without diacritics).
STOPWORDS = frozenset("""
a i o u v k s z se si je to ze za na do po pro pri od ke ve ze uz me mi mu ma mam jsem jsi jsme jste jsou
by byl byla bych ale jak kdyz nebo ani jen tak taky take co kde kdo jeho jeji nas vas my vy on ona oni ono
the of and or to in on at for with my me is are am i a an
""".split())
MIN_SIMILAR_LENGTH = 3
MAX_SUGGESTIONS = 3
MAX_NEAREST = 5


def words(text: str) -> list[str]:
    return re.findall(r"\w+", normalize_search_text(text))


def similar(a: str, b: str) -> bool:
    """The same word in another form: equal, or sharing all but the last letter of the shorter one."""
    if a == b:
        return True
    shorter = min(len(a), len(b))
    if shorter < MIN_SIMILAR_LENGTH:
        return False
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return common >= MIN_SIMILAR_LENGTH and common >= shorter - 1


@dataclass(frozen=True)
class Entry:
    """A published situation as the search sees it."""

    pk: int
    slug: str
    name_cs: str
    name_en: str
    summary_cs: str
    summary_en: str
    urgent: bool
    strong: frozenset = field(default_factory=frozenset)
    weak: frozenset = field(default_factory=frozenset)
    phrases: tuple = ()

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name_cs

    @property
    def summary(self) -> str:
        return self.summary_en if get_language() == "en" and self.summary_en else self.summary_cs

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("guide:situation", args=[self.slug])


@dataclass(frozen=True)
class Contact:
    name_cs: str
    name_en: str
    phone: str
    hours_cs: str
    hours_en: str
    description_cs: str
    description_en: str

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name_cs

    @property
    def hours(self) -> str:
        return self.hours_en if get_language() == "en" and self.hours_en else self.hours_cs

    @property
    def description(self) -> str:
        return self.description_en if get_language() == "en" and self.description_en else self.description_cs

    @property
    def tel(self) -> str:
        return "".join(c for c in self.phone if c.isdigit() or c == "+")


@dataclass
class Index:
    version: str
    entries: list[Entry]
    contacts: list[Contact]
    by_slug: dict[str, Entry] = field(default_factory=dict)
    # Every word of every entry by its first letters: the only words similar() can match (equal words aside).
    vocabulary: dict[str, tuple[str, ...]] = field(default_factory=dict)
    matches: dict = field(default_factory=dict)  # query words → match(); lives and dies with the index


_lock = threading.Lock()
_index: Index | None = None


def build_index(version: str = "") -> Index:
    """Two queries: the published situations and the contacts offered on empty searches."""
    from django.db.models import Q

    from guide.models import CrisisContact, Situation

    entries = []
    for situation in Situation.objects.published().order_by("group__order", "order", "pk"):
        texts = situation.search_text()
        entries.append(Entry(
            pk=situation.pk, slug=situation.slug, name_cs=situation.name_cs, name_en=situation.name_en,
            summary_cs=situation.summary_cs, summary_en=situation.summary_en, urgent=situation.is_urgent,
            strong=frozenset(w for w in words(texts["strong"]) if w not in STOPWORDS),
            weak=frozenset(w for w in words(texts["weak"]) if w not in STOPWORDS),
            phrases=tuple(tuple(words(phrase)) for phrase in situation.synonym_list if words(phrase))))
    contacts = [Contact(c.name_cs, c.name_en, c.phone, c.hours_cs, c.hours_en, c.description_cs, c.description_en)
                for c in CrisisContact.objects.filter(Q(shown_on_empty_search=True) | Q(is_emergency=True))]
    return Index(version=version, entries=entries, contacts=contacts,
                 by_slug={entry.slug: entry for entry in entries},
                 vocabulary=_by_prefix(frozenset().union(*(entry.strong | entry.weak for entry in entries))))


def _by_prefix(all_words) -> dict[str, tuple[str, ...]]:
    groups: dict[str, list[str]] = {}
    for word in sorted(all_words):
        groups.setdefault(word[:MIN_SIMILAR_LENGTH], []).append(word)
    return {prefix: tuple(group) for prefix, group in groups.items()}


def forms_of(token: str, current: "Index") -> frozenset[str]:
    """The words of the index that are `token` in another form (similar()): they share its first letters."""
    return frozenset(word for word in current.vocabulary.get(token[:MIN_SIMILAR_LENGTH], ())
                     if similar(token, word)) | {token}


def index() -> Index:
    """The index of this process, rebuilt when an editor changed a situation (the section's generation)."""
    global _index
    version = pagecache.version(SECTION)
    current = _index
    if current is not None and current.version == version:
        return current
    with _lock:
        if _index is None or _index.version != version:
            _index = build_index(version)
        return _index


def _contains(sequence: list[str], part: tuple) -> bool:
    n = len(part)
    return any(tuple(sequence[i:i + n]) == part for i in range(len(sequence) - n + 1))


def score(entry: Entry, tokens: list[str], meaningful: list[str], forms: dict[str, frozenset[str]],
          ) -> tuple[float, float]:
    """(score, coverage): how well the query's words match the situation, and which share of them do.
    `forms` gives each meaningful token the words of the index similar to it (found once per query)."""
    total, matched = 0.0, 0
    for token in meaningful:
        if token in entry.strong:
            points = 3
        elif not entry.strong.isdisjoint(forms[token]):
            points = 2
        elif token in entry.weak or not entry.weak.isdisjoint(forms[token]):
            points = 1
        else:
            points = 0
        total += points
        matched += points > 0
    for phrase in entry.phrases:
        if _contains(tokens, phrase):
            total += 2 * len(phrase)
    coverage = matched / len(meaningful) if meaningful else 0.0
    return total, coverage


MATCH_MEMO_SIZE = 4096


def match(text: str) -> list[tuple[Entry, float, float]]:
    """Situations the text matches, best first: (entry, score, coverage). The same words asked again are
    answered from the index's memo (it is dropped with the index when an editor changes a situation)."""
    tokens = words((text or "")[:MAX_QUERY_LENGTH])
    meaningful = list(dict.fromkeys(t for t in tokens if t not in STOPWORDS))
    if not meaningful:
        return []
    current = index()
    key = tuple(tokens)
    found = current.matches.get(key)
    if found is not None:
        return found
    forms = {token: forms_of(token, current) for token in meaningful}
    found = []
    for entry in current.entries:
        points, coverage = score(entry, tokens, meaningful, forms)
        if points > 0:
            found.append((entry, points, coverage))
    found.sort(key=lambda item: (-item[1], -item[2], item[0].pk))
    if len(current.matches) >= MATCH_MEMO_SIZE:
        current.matches.clear()
    current.matches[key] = found
    return found


def suggestions(text: str) -> list[Entry]:
    """The situations a query clearly means: at least half its words match, names and phrases included, and
    within reach of the best one."""
    found = [item for item in match(text) if item[2] >= 0.5 and item[1] >= 3]
    if not found:
        return []
    best = found[0][1]
    return [entry for entry, points, _coverage in found if points >= 0.6 * best][:MAX_SUGGESTIONS]


def nearest(text: str) -> list[Entry]:
    """Any situations the words touch, best first (for a search that found no service)."""
    return [entry for entry, _points, _coverage in match(text)][:MAX_NEAREST]


def _place_query(area: dict | None) -> str:
    """The place of the search, for the guide's questionnaire (obec, else ORP)."""
    from urllib.parse import urlencode

    area = area or {}
    for level in ("obec", "orp"):
        if area.get(level):
            return urlencode({level: area[level]})
    return ""


def search_hints(text: str = "", result_count: int | None = None, area: dict | None = None) -> list[dict]:
    """Contribution to the registry search page (core.contributions): "Did you mean the situation …?" when
    the text matches situations, and, when nothing was found, the nearest situations and crisis contacts."""
    text = (text or "").strip()
    if result_count is None or result_count > 0:
        matched = suggestions(text) if text else []
        if not matched:
            return []
        return [{"template": "guide/_search_suggestion.html", "situations": matched,
                 "place_query": _place_query(area)}]
    return [{"template": "guide/_search_empty.html", "situations": nearest(text) if text else [],
             "contacts": index().contacts, "place_query": _place_query(area)}]
