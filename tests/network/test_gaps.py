"""The gap computation on known data, with the expected values computed by hand."""

import pytest

from network.codelists import load_family_groups
from network.gaps import gap_rows
from network.models import OrpPopulation, ServiceTypeGroup
from services.models import NetworkTarget
from territory.models import Obec
from tests.network.factories import make_membership, make_norm, service_type, this_year
from tests.services.factories import make_service

pytestmark = pytest.mark.django_db

KLADNO, BEROUN, BENESOV, MELNIK = 2109, 2102, 2101, 2114


@pytest.fixture
def known_data(db):
    """§ 49: 20 beds per 1,000 inhabitants aged 65+. Kladno has 32,000 of them, Beroun none, Benešov no figures;
    Mělník has an explicit target of 50 beds. Kladno's home: 100 beds registered, 80 in the network."""
    make_norm(number=13, unit="luzka", basis="per1000", rate=20, age_band="65+")
    OrpPopulation.objects.create(orp_id=KLADNO, age_band="65+", population=32_000, as_of="2024-01-01")
    OrpPopulation.objects.create(orp_id=BEROUN, age_band="65+", population=0, as_of="2024-01-01")
    NetworkTarget.objects.create(orp_id=MELNIK, service_type=service_type(13), unit="luzka", target=50)
    home = make_service(capacity=100)  # Kladno, § 49
    make_membership(home, capacity=80)
    return home


def _row(rows, orp, subject):
    return next(row for row in rows if row.orp.pk == orp and row.subject == subject)


def test_per_thousand_of_an_age_band(known_data):
    rows = gap_rows(year=this_year(), kraj=known_data.orp.kraj)
    kladno = _row(rows, KLADNO, f"type:{service_type(13).pk}")
    assert kladno.population == 32_000
    assert kladno.required == 640.0  # 20 × 32,000 / 1,000
    assert (kladno.network, kladno.registered) == (80, 100)
    assert kladno.gap == 560.0 and kladno.registered_gap == 540.0
    assert kladno.coverage == pytest.approx(0.125)


def test_an_orp_with_zero_population_in_the_band_requires_nothing(known_data):
    beroun = _row(gap_rows(year=this_year(), kraj=known_data.orp.kraj), BEROUN, f"type:{service_type(13).pk}")
    assert beroun.population == 0 and beroun.required == 0.0
    assert beroun.gap == 0.0
    assert beroun.coverage is None  # no division by zero, and no "0 % covered" either


def test_an_orp_without_figures_for_the_band_has_no_requirement_rather_than_a_guess(known_data):
    benesov = _row(gap_rows(year=this_year(), kraj=known_data.orp.kraj), BENESOV, f"type:{service_type(13).pk}")
    assert benesov.population is None and benesov.required is None and benesov.gap is None


def test_an_explicit_orp_target_overrides_the_rule(known_data):
    melnik = _row(gap_rows(year=this_year(), kraj=known_data.orp.kraj), MELNIK, f"type:{service_type(13).pk}")
    assert melnik.explicit and melnik.required == 50.0 and melnik.gap == 50.0


def test_rows_are_sorted_by_the_gap_largest_first(known_data):
    rows = gap_rows(year=this_year(), kraj=known_data.orp.kraj)
    assert rows[0].orp.pk == KLADNO
    gaps = [row.gap for row in rows if row.gap is not None]
    assert gaps == sorted(gaps, reverse=True)


def test_the_total_population_is_used_for_the_all_band(db):
    make_norm(number=4, unit="klient", basis="per1000", rate=2, age_band="all")
    kladno_people = sum(Obec.objects.filter(orp_id=KLADNO).values_list("population", flat=True))
    row = _row(gap_rows(year=this_year(), kraj=Obec.objects.get(pk=532053).orp.kraj), KLADNO,
               f"type:{service_type(4).pk}")
    assert row.population == kladno_people
    assert row.required == round(2 * kladno_people / 1000, 1)


def test_a_group_of_types_counts_every_type_and_a_services_rule_counts_services(db):
    load_family_groups()
    group = ServiceTypeGroup.objects.get(code="rodiny-terenni-ambulantni")
    make_norm(group=group, unit="klient", basis="perorp", rate=30)
    make_norm(number=1, unit="klient", basis="services", rate=2)
    sas = make_service(service_type=service_type(28), forms=("ter",), unit="klient", capacity=12)
    early = make_service(service_type=service_type(17), forms=("ter",), unit="klient", capacity=5)
    counselling = make_service(service_type=service_type(1), forms=("amb",), unit="klient", capacity=40)
    make_membership(sas, capacity=10, unit="klient")
    make_membership(counselling, capacity=30, unit="klient")
    rows = gap_rows(year=this_year(), kraj=sas.orp.kraj)
    families = _row(rows, KLADNO, f"group:{group.pk}")
    assert (families.required, families.network, families.registered, families.gap) == (30.0, 10, 17, 20.0)
    assert early.orp_id == KLADNO
    services = _row(rows, KLADNO, f"type:{service_type(1).pk}")
    assert (services.required, services.network, services.registered, services.gap) == (2.0, 1, 1, 1.0)


def test_excluded_lines_and_other_years_do_not_count(known_data):
    line = known_data.network_memberships.get()
    make_membership(known_data, capacity=500, year=this_year() - 1)
    import datetime as dt
    line.exclude(on=dt.date(this_year(), 1, 1), reason="Ukončení pověření")
    kladno = _row(gap_rows(year=this_year(), kraj=known_data.orp.kraj), KLADNO, f"type:{service_type(13).pk}")
    assert kladno.network == 0 and kladno.gap == 640.0


def test_the_whole_country_runs_in_a_fixed_number_of_queries(known_data, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        rows = gap_rows(year=this_year())
    assert len({row.orp.kraj_id for row in rows}) == 1  # only the home kraj has rules
