"""The facet index of the registry search (services/facet_index.py): its counts and orders equal the ones SQL
gives the straightforward way, it follows every change of the registry, and it costs a fixed number of queries.

The reference is the SQL of the search's own filters (ServiceFilter.qs, search.area_condition): for each facet
value, the services the search finds with that value chosen and every other filter as it was.
"""

import copy
import datetime as dt
import json
import threading
import time
from pathlib import Path

import pytest
from django.db import connection, transaction
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from services import facet_index, search
from services.cache import bump_generation
from services.filters import ServiceFilter
from services.importers.rpss import import_rpss
from services.models import (
    AgeGroup,
    CapacityReport,
    Facility,
    Provider,
    RegisteredCapacity,
    Service,
    ServiceForm,
    ServiceType,
    TargetGroup,
)
from territory.models import Kraj, Obec, Orp
from tests.services.factories import make_service

pytestmark = pytest.mark.django_db

URL = "/cs/sluzby/"
EN = "/en/services/"
SAMPLE = Path(__file__).resolve().parent / "data" / "rpss_sample.json"
# A small territory with every kind of nesting: Kladno and Buštěhrad (ORP and okres Kladno), Slaný (its own ORP,
# okres Kladno), Vlašim (ORP Vlašim, okres Benešov), all in Středočeský kraj; Chýnov (ORP Tábor, Jihočeský kraj).
OBCE = [532053, 532169, 532819, 530883, 552496]
ORPS = [2109, 2124, 2125]
KRAJE = [3026, 3034]
PLACES = [{}, {"kraj": 3026}, {"kraj": 3034}, {"okres": 40185}, {"okres": 40169}, {"orp": 2109}, {"orp": 2124},
          {"obec": 532053}, {"obec": 532169}, {"obec": 552496}, {"kraj": 3026, "okres": 40185, "orp": 2109}]
TYPES = ["DruhSocialniSluzby/13", "DruhSocialniSluzby/20", "DruhSocialniSluzby/4", "DruhSocialniSluzby/1"]
TARGETS = ["CilovaSkupinaOsoby/24", "CilovaSkupinaOsoby/7", "CilovaSkupinaOsoby/3"]
AGES = ["VekovaSkupinaOsoby/11", "VekovaSkupinaOsoby/8"]
FORMS = ["pob", "amb", "ter"]
WORDS = ["domov", "azyl", "pomoc", "senior", "dum"]


# --- A generated registry ---------------------------------------------------------------------------------

def subset(pool):
    return st.lists(st.sampled_from(pool), unique=True, max_size=len(pool))


service_specs = st.fixed_dictionaries({
    "name": st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join),
    "type": st.sampled_from(TYPES),
    "forms": subset(FORMS),
    "targets": subset(TARGETS),
    "ages": subset(AGES),
    # Days from today: ended yesterday, ends today, ends later, starts tomorrow, open.
    "valid_to": st.sampled_from([None, None, -1, 0, 30]),
    "valid_from": st.sampled_from([None, -400, 1]),
    "free": st.sampled_from([None, 0, 3, 10]),
    "reported": st.sampled_from([0, -3, -90]),  # days ago; -90 is outdated
    "facilities": st.lists(st.sampled_from([*OBCE, None]), max_size=2),
    "served_obce": subset(OBCE[:3]),
    "served_orps": subset(ORPS),
    "served_kraje": subset(KRAJE),
    "seat": st.sampled_from([*OBCE, None]),
    "updated": st.integers(0, 5),
    # The kraj's network this year: none, a line, a line excluded already, excluded later, last year's only.
    "network": st.sampled_from(["none", "none", "line", "excluded", "excluded later", "last year"]),
})

filter_combos = st.fixed_dictionaries({
    "q": st.sampled_from(["", "", "domov", "senior dum", "pomoc"]),
    "group": st.sampled_from(["", "pece", "prevence", "poradenstvi"]),
    "type": subset(TYPES[:3]),
    "form": subset(FORMS),
    "target": subset(TARGETS[:2]),
    "age": subset(AGES[:1]),
    "place": st.sampled_from(PLACES),
    "free": st.booleans(),
    "ended": st.booleans(),
    "network": st.booleans(),
    "sort": st.sampled_from(["", "name", "free", "updated", "relevance"]),
})


def create_registry(specs) -> None:
    from network.models import NetworkMembership

    today = timezone.localdate()
    codes = {model: {item.code: item for item in model.objects.all()} for model in (ServiceType, TargetGroup,
                                                                                    AgeGroup)}
    obce = {obec.pk: obec for obec in Obec.objects.filter(pk__in=OBCE)}
    orps, kraje = Orp.objects.in_bulk(ORPS), Kraj.objects.in_bulk(KRAJE)
    for number, spec in enumerate(specs):
        if spec["valid_from"] is not None and spec["valid_to"] is not None:  # the record's constraint
            spec = {**spec, "valid_to": max(spec["valid_to"], spec["valid_from"])}
        seat = obce.get(spec["seat"])
        provider = Provider.objects.create(ico=f"{10000000 + number}", name=f"Poskytovatel {number}", obec=seat)
        service = Service.objects.create(
            registry_id=f"T{number}", provider=provider, service_type=codes[ServiceType][spec["type"]],
            name=f"{spec['name'].capitalize()} {number}",
            valid_from=today + dt.timedelta(days=spec["valid_from"]) if spec["valid_from"] is not None else None,
            valid_to=today + dt.timedelta(days=spec["valid_to"]) if spec["valid_to"] is not None else None,
            current_free_places=spec["free"],
            current_report_at=today + dt.timedelta(days=spec["reported"]) if spec["free"] is not None else None)
        for form in spec["forms"]:
            ServiceForm.objects.create(service=service, form=form)
        for obec in spec["facilities"]:
            Facility.objects.create(service=service, name=service.name, obec=obce.get(obec))
        service.target_groups.set([codes[TargetGroup][code] for code in spec["targets"]])
        service.age_groups.set([codes[AgeGroup][code] for code in spec["ages"]])
        service.served_obce.set([obce[code] for code in spec["served_obce"]])
        service.served_orps.set([orps[code] for code in spec["served_orps"]])
        service.served_kraje.set([kraje[code] for code in spec["served_kraje"]])
        service.update_search_text()
        service.assign_orp()
        Service.objects.filter(pk=service.pk).update(
            updated_at=timezone.now() - dt.timedelta(hours=spec["updated"]))
        year, excluded = today.year, None
        if spec["network"] == "excluded":
            excluded = today
        elif spec["network"] == "excluded later":
            excluded = today + dt.timedelta(days=1)
        elif spec["network"] == "last year":
            year -= 1
        if spec["network"] != "none":
            NetworkMembership.objects.create(kraj=kraje[3026], year=year, service=service, unit="luzka",
                                             capacity=10, excluded_on=excluded)
    bump_generation()  # the update() of `updated_at` and `orp` sends no signal, as a bulk writer


def query_of(combo) -> QueryDict:
    data = QueryDict(mutable=True)
    for name in ("q", "group", "sort"):
        if combo[name]:
            data[name] = combo[name]
    for name in ("type", "form", "target", "age"):
        data.setlist(name, combo[name])
    for level, code in combo["place"].items():
        data[level] = str(code)
    for name in ("free", "ended", "network"):
        if combo[name]:
            data[name] = "on"
    return data


def sql_pks(data) -> list[int]:
    return list(ServiceFilter(data, queryset=Service.objects.all()).qs.values_list("pk", flat=True))


def replaced(data, name, values) -> QueryDict:
    data = data.copy()
    data.setlist(name, [str(value) for value in values])
    return data


class Reference:
    """Counts the straightforward way: the services SQL finds with the other filters (one query a facet),
    intersected with the services that have each value (one query a value, kept for the whole registry)."""

    def __init__(self):
        self.having, self.others = {}, {}

    def services_with(self, name, value) -> set[int]:
        if (name, value) not in self.having:
            data = QueryDict(mutable=True)
            data.setlist(name, [str(value)])
            data["ended"] = "on"
            if name in search.AREA_LEVELS:
                pks = Service.objects.filter(search.area_condition(name, value)).values_list("pk", flat=True)
            else:
                pks = sql_pks(data)
            self.having[(name, value)] = set(pks)
        return self.having[(name, value)]

    def count(self, data, name, value, *, leave_out=()) -> int:
        others = data.copy()
        for left_out in (name, *leave_out):
            others.pop(left_out, None)
        key = others.urlencode()
        if key not in self.others:
            self.others[key] = set(sql_pks(others))
        return len(self.others[key] & self.services_with(name, value))


def ids(model, codes) -> list[int]:
    return list(model.objects.filter(code__in=codes).values_list("pk", flat=True))


def check_counts(data, reference) -> None:
    filterset = ServiceFilter(data, queryset=Service.objects.for_listing())
    facets = filterset.facets()
    form = filterset.form
    assert form.is_valid(), form.errors
    settled = form.data
    expected = sql_pks(settled)
    assert facets.total == len(expected)
    # The first page, in the sort in effect, is the first page SQL orders (ServiceFilter.ordered).
    assert list(filterset.results()[:20]) == expected[:20]

    def options(name):
        return {option.value: option.count for option in getattr(facets, name)}

    for name, model, pool in (("form", None, FORMS), ("target", TargetGroup, TARGETS), ("age", AgeGroup, AGES)):
        values = pool if model is None else ids(model, pool)
        counted = options(name)
        for value in values:
            assert counted[str(value)] == reference.count(settled, name, value), (name, value)
        assert sum(counted.values()) == sum(counted[str(value)] for value in values)  # nothing else exists
    group, chosen_types = settled.get("group"), settled.getlist("type")
    types = {item.pk: item for item in ServiceType.objects.filter(code__in=TYPES)}
    counted = options("type")
    for pk, item in types.items():
        if group and item.group != group:
            assert counted[str(pk)] == 0
        else:
            assert counted[str(pk)] == reference.count(settled, "type", pk, leave_out=("group",)), item.code
    # A group counts the services of the chosen types (all when none is chosen) in the group.
    for option in facets.group:
        in_types = [pk for pk, item in types.items() if (not chosen_types or str(pk) in chosen_types)
                    and (not option.value or item.group == option.value)]
        others = settled.copy()
        others.pop("group", None)
        others.setlist("type", [str(pk) for pk in in_types])
        assert option.count == (len(sql_pks(others)) if in_types else 0), option.value
    # Places: every unit the picker offers, with the other filters and no place.
    for level, units in facets.places.items():
        for option in units:
            expected_count = reference.count(settled, level, int(option.value), leave_out=search.AREA_LEVELS)
            assert option.count == expected_count, (level, option.value)
    # The check boxes: the results with the box ticked and the rest as it is.
    for name, count in (("free", facets.free), ("ended", facets.ended),
                        *((item.field.name, item.count) for item in facets.contributed)):
        assert count == len(sql_pks(replaced(settled, name, ["on"]))), name


@hypothesis_settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                             HealthCheck.too_slow])
@given(specs=st.lists(service_specs, min_size=1, max_size=12), combos=st.lists(filter_combos, min_size=1,
                                                                                 max_size=4))
def test_facet_counts_and_orders_equal_the_sql_of_the_filters(specs, combos):
    with transaction.atomic():
        create_registry(specs)
        reference = Reference()
        for combo in combos:
            check_counts(query_of(combo), reference)
        transaction.set_rollback(True)


def test_a_registry_of_one_kind_of_everything_counts_as_sql_does():
    """One example spelled out, so a failure of the property above has a readable neighbour."""
    base = {"name": "domov senior", "type": TYPES[0], "forms": ["pob"], "targets": [TARGETS[0]], "ages": [],
            "valid_to": None, "valid_from": None, "free": 3, "reported": 0, "facilities": [532053],
            "served_obce": [], "served_orps": [], "served_kraje": [], "seat": 532053, "updated": 0,
            "network": "line"}
    create_registry([
        base,
        {**base, "name": "azyl", "type": TYPES[1], "facilities": [], "seat": 552496, "free": None,
         "network": "none"},
        {**base, "name": "pomoc", "served_kraje": [3034], "facilities": [None], "valid_to": -1, "network": "excluded"},
        {**base, "name": "dum", "served_orps": [2124], "facilities": [530883], "reported": -90, "updated": 3},
    ])
    reference = Reference()
    for combo in ({}, {"kraj": ["3026"]}, {"obec": ["552496"]}, {"orp": ["2124"], "free": ["on"]},
                  {"ended": ["on"], "network": ["on"]}, {"q": ["domov"], "sort": ["updated"]}):
        data = QueryDict(mutable=True)
        for name, values in combo.items():
            data.setlist(name, values)
        check_counts(data, reference)


# --- Invalidation: the next response after a change counts afresh --------------------------------------------

def counts(response, name):
    return {option.value: option.count for option in getattr(response.context["facets"], name)}


def test_a_capacity_report_changes_the_next_response(client):
    home = make_service(name="Domov Alfa", free_places=0, as_of=timezone.localdate())
    assert client.get(URL, {"free": "on"}).context["facets"].total == 0
    CapacityReport.record(service=home, form="pob", unit="luzka", free_places=4)
    response = client.get(URL, {"free": "on"})
    assert response.context["facets"].total == 1 and response.context["facets"].free == 1
    assert "4 as of" in client.get(EN).content.decode()  # the card, rendered once per generation, too


def test_an_import_changes_the_next_response(client):
    assert client.get(URL).context["facets"].total == 0
    import_rpss(SAMPLE)  # bulk writes, no signals: the importer bumps the registry's generation
    response = client.get(URL, {"ended": "on"})
    assert response.context["facets"].total == Service.objects.count() == 40


def test_an_import_that_ends_services_changes_the_next_response(client, tmp_path):
    import_rpss(SAMPLE)
    active = client.get(URL).context["facets"].total
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    changed = copy.deepcopy(data)
    changed["polozky"] = [entry for entry in data["polozky"] if entry["portalId"] != 9101]
    path = tmp_path / "rpss.json"
    path.write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
    import_rpss(path)
    assert client.get(URL).context["facets"].total == active - 1


def test_an_ended_service_leaves_the_next_response(client):
    home = make_service(name="Domov Končící")
    make_service(name="Domov Trvalý")
    assert client.get(URL).context["facets"].total == 2
    home.valid_to = timezone.localdate() - dt.timedelta(days=1)
    home.save()
    response = client.get(URL)
    assert response.context["facets"].total == 1 and response.context["facets"].ended == 2
    assert "Domov Končící" not in response.content.decode()


def test_a_service_ending_today_is_gone_tomorrow_without_any_write(client, monkeypatch):
    make_service(name="Domov Dnešní", valid_to=timezone.localdate())
    assert client.get(URL).context["facets"].total == 1
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    assert client.get(URL).context["facets"].total == 0


def test_a_new_provider_name_shows_on_the_remembered_card(client):
    home = make_service(name="Domov Beta")
    client.get(URL)
    home.provider.name = "Nová charita"
    home.provider.save()
    assert "Nová charita" in client.get(URL).content.decode()


# --- Cost -------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("size", [2, 12])
def test_building_the_index_takes_a_fixed_number_of_queries(size, django_assert_num_queries):
    for number in range(size):
        make_service(name=f"Domov {number}", target_groups=(TARGETS[0],), free_places=number,
                     as_of=timezone.localdate())
    contributed = len(search.contributed_filters())
    # Services; types; five of territory (kraje, okresy, ORP, their okresy, obce); facilities, served obce, ORP
    # and kraje; forms, target and age groups; one per contributed filter.
    with django_assert_num_queries(14 + contributed):
        facet_index.build(facet_index.current_key()[0])


def test_concurrent_requests_wait_for_one_build(monkeypatch):
    """A cold start is not a stampede: the threads of a process that find the index stale build it once."""
    builds = []

    def slow_build(key):
        builds.append(key)
        time.sleep(0.2)
        return facet_index.FacetIndex(
            key=key, pks=[], positions={}, everything=0, active=0, free=0, group={}, type={}, form={}, target={},
            age={}, kraj={}, okres={}, orp={}, obec_direct={}, orp_served={}, kraj_served={}, extra={}, orders={},
            territory=None)

    monkeypatch.setattr(facet_index, "build", slow_build)
    monkeypatch.setattr(facet_index, "_index", None)
    found = []
    threads = [threading.Thread(target=lambda: found.append(facet_index.index())) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(builds) == 1 and len({id(index) for index in found}) == 1


def test_the_index_survives_a_cache_outage_without_rebuilding_for_every_search(monkeypatch):
    """With the cache away every read invents new generations; the index then lives OUTAGE_SECONDS."""
    make_service(name="Domov Gama")
    first = facet_index.index()
    monkeypatch.setattr(facet_index.pagecache, "version_kept", lambda *sections: (f"new {time.time()}", False))
    assert facet_index.index() is first
    monkeypatch.setattr(first, "built_at", first.built_at - facet_index.OUTAGE_SECONDS - 1)
    assert facet_index.index() is not first


def test_capacity_unit_lines_do_not_matter_to_the_counts(client):
    """RegisteredCapacity rows are not facets: adding one bumps the registry, the counts stay."""
    home = make_service(name="Domov Delta")
    before = client.get(URL).context["facets"]
    RegisteredCapacity.objects.create(service=home, form="amb", unit="klienti", maximum=5)
    with CaptureQueriesContext(connection) as queries:
        after = client.get(URL).context["facets"]
    assert after == before and len(queries) > 0  # rebuilt (the generation changed), same counts


def test_a_remembered_search_page_is_the_page_rendered_afresh(client):
    """The second request takes the search box, the filter column and the results from the index's memory:
    the page is byte for byte the one rendered from the database after the index is rebuilt."""
    for number in range(25):
        make_service(name=f"Domov {number:02}", target_groups=(TARGETS[number % 2],), free_places=number % 3,
                     as_of=timezone.localdate())
    query = {"target": ids(TargetGroup, TARGETS[:1]), "page": 2, "sort": "free", "kraj": 3026}
    first = client.get(URL, query)
    with CaptureQueriesContext(connection) as remembered:
        second = client.get(URL, query)
    assert len(remembered) == 0 and second.content == first.content
    bump_generation()  # nothing changed, but everything is read and rendered again
    third = client.get(URL, query)
    assert third.content == first.content
    assert client.get(URL, {**query, "view": "map"}).content != first.content


def test_another_process_copies_the_index_instead_of_reading_the_registry(monkeypatch,
                                                                          django_assert_num_queries):
    make_service(name="Domov Epsilon", target_groups=(TARGETS[0],))
    built = facet_index.index()
    monkeypatch.setattr(facet_index, "_index", None)  # a worker that has not searched yet
    with django_assert_num_queries(0):
        copied = facet_index.index()
    assert copied is not built and copied.key == built.key
    assert copied.target == built.target and copied.pks == built.pks
    assert copied.remember("card", 1, lambda: "fresh") == "fresh"  # its own memory, empty
