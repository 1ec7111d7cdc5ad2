"""The registry search counted in memory: an index per process over every service, rebuilt when the registry
changes, that answers the facet counts and the order of the results without SQL.

Counting in SQL took 75–130 ms a search on the national set (one GROUP BY per facet; the place counts over a
UNION of five sources), and every signed-in person and every new filter combination paid it. Over 7,000
services a facet is a set, and a count is the size of an intersection: here each facet value is a bitset, a
Python int whose bit n stands for the service at position n, so `(a & b).bit_count()` counts in microseconds.
Positions follow the name order of the database (its Czech collation, `ORDER BY name, pk`), so the lowest set
bits of a result are its first page in name order; the other orders are kept as lists of positions.

The index is built from the same rows and paths that the SQL filters read (services/filters.py,
search.area_condition, ServiceQuerySet.active and with_free_places), and a property test compares its counts
with SQL counts over generated registries. Full text stays in SQL (trigram index, near misses, relevance);
its matches are intersected with the rest and kept per index for repeated searches.

It is kept under the page-cache generations of the registry, the codelists and the sections of contributed
filters (core/pagecache.py: every write to those models bumps them, bulk loaders call
services.cache.bump_generation), the day (services start and end, reports turn outdated) and the report
age limit. The first search after a change rebuilds it: 14 queries (and one per contributed filter), about
0.2–0.3 s on the national set; the process leaves a copy in the shared cache, which the other workers read
instead of building (load_or_build). A lock makes the threads of one process wait for one build.
"""

import hashlib
import threading
import time
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from functools import reduce
from operator import and_

from django.conf import settings
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from core import pagecache
from services import search
from services.models import Facility, Service, ServiceForm, ServiceType, outdated_before
from territory.models import Kraj, Obec, Okres, Orp

SECTIONS = ("registry", "codelists")
OUTAGE_SECONDS = 10
SHARED_SECONDS = 3600  # the shared copy of an index (a newer generation has another key anyway)
# How many of each kind of derived value an index remembers (least recently used ones are dropped): the
# services of a full-text query (a list of pks), a rendered service card (about 1 kB), a rendered filter
# column with its counts (about 25 kB), the rendered parts of a search page (about 40 kB).
MEMO_SIZES = {"text": 128, "card": 4000, "filters": 200, "page": 200}


def bitset(positions) -> int:
    """The int whose bits are `positions`."""
    positions = list(positions)
    if len(positions) < 32:
        return sum(1 << position for position in set(positions))
    buffer = bytearray((max(positions) >> 3) + 1)
    for position in positions:
        buffer[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(buffer, "little")


def set_bits(bits: int):
    """Positions of the set bits, lowest first."""
    while bits:
        lowest = bits & -bits
        yield lowest.bit_length() - 1
        bits ^= lowest


@dataclass
class Territory:
    """The units the place picker offers, in the database's name order, and how they nest."""

    kraje: list[tuple[int, str]]
    okresy: dict[int, list[tuple[int, str]]]  # kraj → its okresy
    orps: dict[int, list[tuple[int, str]]]  # kraj → its ORP
    orp_okresy: dict[int, set[int]]  # ORP → the okresy it reaches into
    obce_of_orp: dict[int, list[tuple[int, str]]]
    obce_of_okres: dict[int, list[tuple[int, str]]]
    orp_kraj: dict[int, int]
    obec_orp: dict[int, int]


@dataclass
class FacetIndex:
    """Every service of the registry as bit positions, and a bitset per facet value."""

    key: tuple
    pks: list[int]  # position → service pk, in name order
    positions: dict[int, int]  # service pk → position
    everything: int
    active: int  # provided on the index's day (ServiceQuerySet.active)
    free: int  # free places in a report that is not outdated (ServiceQuerySet.with_free_places)
    group: dict[str, int]
    type: dict[int, int]
    form: dict[str, int]
    target: dict[int, int]
    age: dict[int, int]
    kraj: dict[int, int]
    okres: dict[int, int]
    orp: dict[int, int]
    obec_direct: dict[int, int]  # a facility there, serving it by name, or seated there (placed by seat)
    orp_served: dict[int, int]  # serving the whole ORP: every obec in it
    kraj_served: dict[int, int]  # serving the whole kraj: every obec in it
    extra: dict[str, int]  # the filters other apps contribute (search.contributed_filters)
    orders: dict[str, list[int]]  # "free", "updated" → positions in that order
    territory: Territory
    built_at: float = field(default_factory=time.monotonic)
    _memo: dict = field(default_factory=lambda: {kind: OrderedDict() for kind in MEMO_SIZES}, repr=False)
    _memo_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def seconds_old(self) -> float:
        return time.monotonic() - self.built_at

    def __getstate__(self) -> dict:
        """For the shared copy (load_or_build): the sets, not the remembered values or the lock."""
        return {name: value for name, value in self.__dict__.items() if name not in ("_memo", "_memo_lock")}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state, built_at=time.monotonic(), _memo={kind: OrderedDict() for kind in MEMO_SIZES},
                             _memo_lock=threading.Lock())

    # --- Sets -------------------------------------------------------------------------------------

    def area(self, level: str, code: int) -> int:
        """The services that match a unit, by the rules of search.area_condition()."""
        if level != "obec":
            return getattr(self, level).get(code, 0)
        orp = self.territory.obec_orp.get(code)
        if orp is None:
            return 0
        return (self.obec_direct.get(code, 0) | self.orp_served.get(orp, 0)
                | self.kraj_served.get(self.territory.orp_kraj[orp], 0))

    def any_of(self, facet: str, values) -> int:
        """Services with at least one of `values` (a check-box facet: ticked values widen the result)."""
        bits = getattr(self, facet)
        return reduce(lambda found, value: found | bits.get(value, 0), values, 0)

    def intersect(self, sets) -> int:
        return reduce(and_, sets, self.everything)

    def of_pks(self, pks) -> int:
        positions = self.positions
        return bitset(positions[pk] for pk in pks if pk in positions)

    # --- Counts -----------------------------------------------------------------------------------

    @staticmethod
    def counts(base: int, bits_by_value: dict) -> dict:
        """How many of `base` each value has (values without services are left out: they count 0)."""
        return {value: count for value, bits in bits_by_value.items() if (count := (base & bits).bit_count())}

    def place_counts(self, base: int, area: search.Area) -> dict[str, list[tuple[int, str, int]]]:
        """Per level the picker offers: (code, name, how many of `base` match it), in the database's name order.
        Kraje always; okresy and ORP inside the chosen kraj (ORP also inside the chosen okres); obce inside the
        chosen ORP, else inside the chosen okres."""
        territory = self.territory
        levels = {"kraj": territory.kraje}
        if area.kraj is not None:
            levels["okres"] = territory.okresy.get(area.kraj, [])
            levels["orp"] = territory.orps.get(area.kraj, [])
            if area.okres is not None:
                levels["orp"] = [(code, name) for code, name in levels["orp"]
                                 if area.okres in territory.orp_okresy.get(code, ())]
        if area.orp is not None:
            levels["obec"] = territory.obce_of_orp.get(area.orp, [])
        elif area.okres is not None:
            levels["obec"] = territory.obce_of_okres.get(area.okres, [])
        return {level: [(code, name, (base & self.area(level, code)).bit_count()) for code, name in units]
                for level, units in levels.items()}

    # --- Order --------------------------------------------------------------------------------------

    def select(self, bits: int, start: int, stop: int, *, order: str = "name", ranked: list[int] | None = None
               ) -> list[int]:
        """The pks of `bits` from `start` to `stop` (a page) in the order: name (the positions), "free",
        "updated", or `ranked` (pks in the text search's relevance order)."""
        if ranked is not None:
            positions = self.positions
            chosen = (pk for pk in ranked if pk in positions and bits >> positions[pk] & 1)
            return [pk for index, pk in zip(range(stop), chosen, strict=False) if index >= start]
        if order in self.orders:
            chosen = (position for position in self.orders[order] if bits >> position & 1)
        else:
            if start:  # skip the first `start` results without visiting them: cut below the start-th set bit
                bits = _drop_lowest(bits, start)
            chosen, stop, start = set_bits(bits), stop - start, 0
        return [self.pks[position] for index, position in zip(range(stop), chosen, strict=False) if index >= start]

    # --- Values derived from the registry, remembered as long as the index lives ------------------------

    def remember(self, kind: str, key, compute):
        """`compute()`, remembered under `key` while the registry (the index) does not change: what depends
        only on registry data, the day and the key can be shared by every request, signed in or not."""
        memo = self._memo[kind]
        with self._memo_lock:
            if key in memo:
                memo.move_to_end(key)
                return memo[key]
        value = compute()
        with self._memo_lock:
            memo[key] = value
            while len(memo) > MEMO_SIZES[kind]:
                memo.popitem(last=False)
        return value

    def recall(self, kind: str, keys) -> dict:
        """The remembered values of `keys` that are there (in one lock)."""
        memo = self._memo[kind]
        with self._memo_lock:
            return {key: memo[key] for key in keys if key in memo}

    def text_matches(self, tokens: list[str], condition: Q, *, ranked: bool) -> list[int]:
        """pks of the services whose text matches (in relevance order when `ranked`), from SQL once per
        index: the same words searched again, by anyone, cost no query until the registry changes."""

        def query():
            services = Service.objects.filter(condition).order_by()  # no order: the positions give one
            if ranked:
                services = services.annotate(rank=search.relevance(tokens)).order_by("-rank", "name", "pk")
            return list(services.values_list("pk", flat=True))

        return self.remember("text", (tuple(tokens), ranked), query)


def _drop_lowest(bits: int, count: int) -> int:
    """`bits` without its `count` lowest set bits (binary search on the bit count of the low part)."""
    if count >= bits.bit_count():
        return 0
    low, high = 0, bits.bit_length()
    while low < high:  # the smallest width whose low part holds `count` set bits
        middle = (low + high) // 2
        if (bits & ((1 << middle) - 1)).bit_count() >= count:
            high = middle
        else:
            low = middle + 1
    return bits >> low << low


# --- Building -------------------------------------------------------------------------------------------


def _load_territory() -> tuple[Territory, dict[int, tuple[int, int]], dict[int, list[int]], dict[int, list[int]]]:
    """The territory (five queries); also obec → (ORP, okres), kraj → okresy and kraj → ORP as codes."""
    orp_kraj, orp_okresy = {}, defaultdict(set)
    okresy, orps, kraj_okresy, kraj_orps = defaultdict(list), defaultdict(list), defaultdict(list), defaultdict(list)
    for code, name, kraj in Okres.objects.order_by("name", "pk").values_list("pk", "name", "kraj_id"):
        okresy[kraj].append((code, name))
        kraj_okresy[kraj].append(code)
    for code, name, kraj in Orp.objects.order_by("name", "pk").values_list("pk", "name", "kraj_id"):
        orps[kraj].append((code, name))
        orp_kraj[code] = kraj
        kraj_orps[kraj].append(code)
    for orp, okres in Orp.okresy.through.objects.values_list("orp_id", "okres_id"):
        orp_okresy[orp].add(okres)
    obce_of_orp, obce_of_okres, obec_parents = defaultdict(list), defaultdict(list), {}
    for code, name, orp, okres in Obec.objects.order_by("name", "pk").values_list("pk", "name", "orp_id", "okres_id"):
        obce_of_orp[orp].append((code, name))
        obce_of_okres[okres].append((code, name))
        obec_parents[code] = (orp, okres)
    territory = Territory(
        kraje=list(Kraj.objects.order_by("name", "pk").values_list("pk", "name")), okresy=dict(okresy),
        orps=dict(orps), orp_okresy=dict(orp_okresy), obce_of_orp=dict(obce_of_orp),
        obce_of_okres=dict(obce_of_okres), orp_kraj=orp_kraj,
        obec_orp={code: orp for code, (orp, _okres) in obec_parents.items()})
    return territory, obec_parents, kraj_okresy, kraj_orps


def build(key: tuple) -> FacetIndex:
    """Read the registry into a new index: 14 queries, plus one per contributed filter."""
    day = timezone.localdate()
    fresh_since = outdated_before()
    rows = list(Service.objects.order_by("name", "pk").values_list(
        "pk", "service_type_id", "valid_from", "valid_to", "current_free_places", "current_report_at",
        "updated_at", "orp_id", "provider__obec_id"))
    pks = [row[0] for row in rows]
    positions = {pk: position for position, pk in enumerate(pks)}
    size = len(pks)

    def collect(pairs) -> dict:
        found = defaultdict(list)
        for pk, value in pairs:
            if pk in positions:
                found[value].append(positions[pk])
        return found

    def bitsets(found: dict) -> dict:
        return {value: bitset(members) for value, members in found.items()}

    active, free, by_type = [], [], defaultdict(list)
    for position, (_pk, service_type, valid_from, valid_to, free_places, report_at, *_rest) in enumerate(rows):
        by_type[service_type].append(position)
        if (valid_from is None or valid_from <= day) and (valid_to is None or valid_to >= day):
            active.append(position)
        if free_places is not None and free_places > 0 and report_at is not None and report_at >= fresh_since:
            free.append(position)
    types = bitsets(by_type)
    groups = defaultdict(int)
    for pk, group in ServiceType.objects.values_list("pk", "group"):
        if group:
            groups[group] |= types.get(pk, 0)

    # Places: the five sources of search.AREA_SOURCES, each reaching the four levels by its AREA_PATHS. Each
    # source is first made into one bitset per unit it names; the units above get those bitsets OR-ed in (a few
    # thousand ORs of 1 kB instead of an append per service and level).
    territory, obec_parents, kraj_okresy, kraj_orps = _load_territory()
    located_pairs = list(Facility.objects.filter(obec__isnull=False).values_list("service_id", "obec_id"))
    located = {pk for pk, _obec in located_pairs}
    in_obce = bitsets(collect([*located_pairs, *Service.served_obce.through.objects.values_list(
        "service_id", "obec_id")]))
    orp_served = bitsets(collect(Service.served_orps.through.objects.values_list("service_id", "orp_id")))
    kraj_served = bitsets(collect(Service.served_kraje.through.objects.values_list("service_id", "kraj_id")))
    # Without a located facility a service is placed where the capacity overview counts it: its `orp` (the
    # provider's seat), and at obec level the seat itself (ServiceQuerySet.placed_by_seat, SEAT_PATHS).
    unlocated = [(pk, orp, seat) for pk, *_columns, orp, seat in rows if pk not in located]
    seat_orps = bitsets(collect((pk, orp) for pk, orp, _seat in unlocated if orp is not None))
    seat_obce = bitsets(collect((pk, seat) for pk, _orp, seat in unlocated if seat is not None))

    kraj, okres, orp_bits, obec_direct = defaultdict(int), defaultdict(int), defaultdict(int), defaultdict(int)
    for obec, bits in in_obce.items():  # a facility there or serving it: the obec and everything above it
        orp, obec_okres = obec_parents[obec]
        obec_direct[obec] |= bits
        okres[obec_okres] |= bits
        orp_bits[orp] |= bits
        kraj[territory.orp_kraj[orp]] |= bits
    for orps in (orp_served, seat_orps):  # the ORP, its kraj, every okres it reaches into (its obce: area())
        for orp, bits in orps.items():
            orp_bits[orp] |= bits
            kraj[territory.orp_kraj[orp]] |= bits
            for orp_okres in territory.orp_okresy.get(orp, ()):
                okres[orp_okres] |= bits
    for code, bits in kraj_served.items():  # the kraj, its okresy and ORP (its obce: area())
        kraj[code] |= bits
        for kraj_okres in kraj_okresy.get(code, ()):
            okres[kraj_okres] |= bits
        for orp in kraj_orps.get(code, ()):
            orp_bits[orp] |= bits
    for obec, bits in seat_obce.items():
        obec_direct[obec] |= bits

    orders = {
        "updated": sorted(range(size), key=lambda position: rows[position][6], reverse=True),
        # Outdated figures sort with the services that never reported (as ServiceFilter.ordered).
        "free": sorted(range(size), key=lambda position: _fresh_key(rows[position], fresh_since)),
    }
    extra = {item.name: bitset(positions[pk] for pk in Service.objects.filter(item.condition(day))
                               .values_list("pk", flat=True) if pk in positions)
             for item in search.contributed_filters()}
    return FacetIndex(
        key=key, pks=pks, positions=positions, everything=(1 << size) - 1, active=bitset(active), free=bitset(free),
        group=dict(groups), type=types,
        form=bitsets(collect(ServiceForm.objects.values_list("service_id", "form"))),
        target=bitsets(collect(Service.target_groups.through.objects.values_list("service_id", "targetgroup_id"))),
        age=bitsets(collect(Service.age_groups.through.objects.values_list("service_id", "agegroup_id"))),
        kraj=dict(kraj), okres=dict(okres), orp=dict(orp_bits), obec_direct=dict(obec_direct),
        orp_served=orp_served, kraj_served=kraj_served,
        extra=extra, orders=orders, territory=territory)


def _fresh_key(row, fresh_since):
    free_places, report_at = row[4], row[5]
    fresh = free_places if report_at is not None and report_at >= fresh_since else None
    return (fresh is None, -(fresh or 0))


# --- The index of this process ------------------------------------------------------------------------

_lock = threading.Lock()
_index: FacetIndex | None = None


def current_key() -> tuple[tuple, bool]:
    """What the index depends on: the generations (one cache call), the day, the report age limit; and whether
    the cache keeps the generations (it does unless it is away)."""
    sections = (*SECTIONS, *(section for item in search.contributed_filters() for section in item.sections))
    version, kept = pagecache.version_kept(*sections)
    return (version, timezone.localdate(), settings.CAPACITY_REPORT_MAX_AGE_DAYS), kept


def index() -> FacetIndex:
    """The index of this process, rebuilt when the registry (or the day) changed since it was built.

    While the cache is away every call sees new generations, which say nothing about changes: the index then
    lives for OUTAGE_SECONDS instead of being rebuilt for every search (the pages are not cached meanwhile)."""
    global _index
    key, kept = current_key()
    current = _index
    if current is not None and (current.key == key or (not kept and current.seconds_old() < OUTAGE_SECONDS)):
        return current
    with _lock:
        if _index is None or (_index.key != key and (kept or _index.seconds_old() >= OUTAGE_SECONDS)):
            _index = load_or_build(key, shared=kept)
        return _index


def _shared_key(key: tuple) -> str:
    return "services:facet-index:" + hashlib.sha256(repr(key).encode()).hexdigest()


def load_or_build(key: tuple, *, shared: bool = True) -> FacetIndex:
    """The index of `key` from the shared cache, where the first process to build it left a copy (a few MB,
    read in milliseconds), else built here and left there: after an import or a deploy one worker reads the
    registry, the others copy its index."""
    if shared:
        found = cache.get(_shared_key(key))
        if isinstance(found, FacetIndex) and found.key == key:
            return found
    built = build(key)
    if shared:
        cache.set(_shared_key(key), built, timeout=SHARED_SECONDS)
    return built
