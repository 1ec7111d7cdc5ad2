"""The statistics: on the demo data they reproduce the pilot's table (contracts per category and total value per
kraj, figures from the issue), on a small hand-made set every figure is checked by hand; only aggregates are
public, the breakdown per provider is for the kraj's coordinators; the page runs a fixed number of queries."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from families import statistics
from families.models import Offer, PartialContract, ServiceRequest
from territory.models import Kraj, home_kraj
from tests.families.factories import (
    BEROUN,
    BRNO,
    COUNSELLING,
    FIELD,
    RESIDENTIAL,
    coordinator_of,
    make_request,
    offer_data,
    ospod_worker,
    pass_deadline,
    provider_with_agreement,
)

pytestmark = pytest.mark.django_db


def test_the_demo_data_reproduce_the_pilots_table(client):
    """Pardubický kraj: 251 contracts (33 / 74 / 144), CZK 15 million; Karlovarský: 145 (66 / 16 / 63), CZK 25
    million (the issue's figures); the demo gives the home kraj the first profile, the second kraj the other."""
    call_command("seed_demo", allow_production=True, verbosity=0)
    home = home_kraj()
    second = Kraj.objects.get(nuts3="CZ041")
    figures = statistics.compute()
    by_kraj = {row.kraj_id: row for row in figures.kraje}
    assert set(by_kraj) == {home.pk, second.pk}
    assert by_kraj[home.pk].contracts.cells() == [33, 74, 144]
    assert by_kraj[home.pk].contracts.total == 251 and by_kraj[home.pk].contracts.value == Decimal(15_000_000)
    assert by_kraj[second.pk].contracts.cells() == [66, 16, 63]
    assert by_kraj[second.pk].contracts.total == 145 and by_kraj[second.pk].contracts.value == Decimal(25_000_000)
    assert figures.total.contracts.total == 396 and figures.total.contracts.value == Decimal(40_000_000)
    # The figures equal what the stored contracts say (no double counting through joins).
    assert PartialContract.objects.count() == 396
    # Over two years: the contracts per year add up to the same.
    assert sum(counts.total for _year, _name, counts in figures.years) == 396
    assert {year for year, _name, _counts in figures.years} <= {timezone.localdate().year - offset
                                                               for offset in range(3)}

    # The pilot's table is one click from the statistics page, and the same in its CSV.
    with translation.override("en"):
        page = client.get(reverse("families:statistics")).content.decode()
        assert "Contracts per category and value per kraj" in page and "15,000,000" in page.replace("\xa0", ",")
        response = client.get(reverse("families:statistics-export", args=["csv"]), {"table": "pilot"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Kraj" and rows[0][-2:] == ["Contracts in total", "Value in total (CZK)"]
    by_name = {row[0]: row[1:] for row in rows[1:]}
    assert by_name[home.name] == ["33", "74", "144", "251", "15000000"]
    assert by_name[second.name] == ["66", "16", "63", "145", "25000000"]
    assert by_name["Total"] == ["99", "90", "207", "396", "40000000"]


@pytest.fixture
def small_set():
    """Four requests in the home kraj and one in Brno, with hand-countable offers and contracts."""
    kladno, beroun, brno = ospod_worker(), ospod_worker(BEROUN), ospod_worker(BRNO)
    field = provider_with_agreement(category=FIELD, orps=(2109, BEROUN))
    field_two = provider_with_agreement(category=FIELD, orps=(2109,))
    counselling = provider_with_agreement(category=COUNSELLING, orps=(BEROUN,), price_per_hour="700")
    moravia = provider_with_agreement(category=RESIDENTIAL, orps=(BRNO,), price_per_hour=None, price_per_day="2000")
    made = {}

    def contracted(worker, code, category, bidders, units, posted_days_ago, concluded_after):
        request = make_request(worker, code=code, category=category)
        offers = [Offer.submit(request=request, agreement=agreement, by=staff, **offer_data(
            agreement, units=Decimal(units), unit=unit, unit_price=price))
            for (staff, _provider, agreement), unit, price in bidders]
        pass_deadline(request)
        posted = timezone.now() - dt.timedelta(days=posted_days_ago)
        ServiceRequest.objects.filter(pk=request.pk).update(created_at=posted)
        request.refresh_from_db()
        contract = request.select(offers[0], by=worker,
                                  on=timezone.localdate(posted) + dt.timedelta(days=concluded_after))
        return request, contract

    # Kladno, field: two bidders, 40 h × 480 = 19,200, concluded 10 days after posting.
    made["a"] = contracted(kladno, 2109, FIELD, [(field, "hour", Decimal(480)), (field_two, "hour", Decimal(450))],
                           40, 20, 10)
    # Beroun, counselling: one bidder, 10 h × 700 = 7,000, concluded 4 days after posting.
    made["b"] = contracted(beroun, BEROUN, COUNSELLING, [(counselling, "hour", Decimal(700))], 10, 12, 4)
    # Beroun, field: one bidder, cancelled.
    cancelled = make_request(beroun, code=BEROUN, category=FIELD)
    Offer.submit(request=cancelled, agreement=field[2], by=field[0], **offer_data(field[2]))
    cancelled.cancel(by=beroun, reason="Rodina se odstěhovala.")
    # Kladno, field: no offer yet.
    make_request(kladno)
    # Brno, residential: 30 days × 2,000 = 60,000, concluded 7 days after posting.
    made["c"] = contracted(brno, BRNO, RESIDENTIAL, [(moravia, "day", Decimal(2000))], 30, 9, 7)
    made["people"] = {"field": field, "field_two": field_two, "counselling": counselling, "moravia": moravia}
    return made


def test_every_figure_by_hand(small_set):
    home, brno_kraj = home_kraj(), Kraj.objects.get(nuts3="CZ064")
    figures = statistics.compute()
    by_kraj = {row.kraj_id: row for row in figures.kraje}
    mine = by_kraj[home.pk]
    assert (mine.requests, mine.answered, mine.cancelled, mine.offers) == (4, 3, 1, 4)
    assert mine.offers_per_request == 1.0
    assert mine.contracts.cells() == [0, 1, 1] and mine.contracts.value == Decimal(26_200)
    assert mine.median_days == 7  # median of 10 and 4
    theirs = by_kraj[brno_kraj.pk]
    assert (theirs.requests, theirs.offers, theirs.contracts.cells(), theirs.contracts.value) == (
        1, 1, [1, 0, 0], Decimal(60_000))
    assert figures.total.contracts.total == 3 and figures.total.median_days == 7  # median of 4, 7, 10
    assert figures.requests_by_category.counts == {FIELD: 3, COUNSELLING: 1, RESIDENTIAL: 1}
    orps = {orp: (requests.cells(), contracts.cells(), contracts.value) for orp, _k, requests, contracts
            in figures.orps}
    assert orps["Kladno"] == ([0, 0, 2], [0, 0, 1], Decimal(19_200))
    assert orps["Beroun"] == ([0, 1, 1], [0, 1, 0], Decimal(7_000))
    # One kraj only.
    only_home = statistics.compute(kraj=home)
    assert [row.kraj_id for row in only_home.kraje] == [home.pk] and only_home.total.contracts.total == 2
    # Per provider: only for the kraje asked (a coordinator's own).
    providers = statistics.compute(provider_kraje=[home.pk]).providers
    winner = small_set["people"]["field"][1]
    row = next(row for row in providers if row["name"] == winner.name)
    assert (row["offers"], row["selected"], row["contracts"], row["value"]) == (2, 1, 1, Decimal(19_200))
    assert all(row["kraj"] == home.name for row in providers)


def test_the_breakdown_per_provider_is_for_the_kraj_coordinators_only(client, small_set, coordinator):
    winner = small_set["people"]["field"][1].name
    moravian = small_set["people"]["moravia"][1].name
    assert winner not in client.get(reverse("families:statistics")).content.decode()
    assert client.get(reverse("families:statistics-export", args=["csv"]),
                      {"table": "providers"}).status_code == 404
    client.force_login(coordinator)
    page = client.get(reverse("families:statistics")).content.decode()
    assert winner in page and moravian not in page  # another kraj's providers stay hidden
    response = client.get(reverse("families:statistics-export", args=["xlsx"]), {"table": "providers"})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    client.force_login(coordinator_of(BRNO))
    page = client.get(reverse("families:statistics")).content.decode()
    assert moravian in page and winner not in page


def test_no_free_text_in_the_public_statistics(client, small_set):
    request = small_set["a"][0]
    for table in ("pilot", "kraje", "years", "orps"):
        text = client.get(reverse("families:statistics-export", args=["csv"]), {"table": table}).content.decode(
            "utf-8-sig")
        assert request.need[:20] not in text and request.case_code not in text
    assert request.need[:20] not in client.get(reverse("families:statistics")).content.decode()


def test_a_bad_filter_shows_everything_and_bad_tables_are_not_found(client, small_set):
    response = client.get(reverse("families:statistics"), {"kraj": "abc", "year": "99999999999999999999"})
    assert response.status_code == 200 and "Brno" in response.content.decode()
    assert client.get(reverse("families:statistics-export", args=["csv"]), {"table": "x"}).status_code == 404
    assert client.get(reverse("families:statistics-export", args=["pdf"])).status_code == 404


def test_the_statistics_page_runs_a_fixed_number_of_queries(client, small_set, coordinator,
                                                            django_assert_num_queries):
    client.force_login(coordinator)
    client.get(reverse("families:statistics"))
    with django_assert_num_queries(QUERIES):
        client.get(reverse("families:statistics"))
    for _n in range(3):
        worker = ospod_worker()
        make_request(worker)
    with django_assert_num_queries(QUERIES):
        client.get(reverse("families:statistics"))


# The form's kraje and years (3), session and user (2), the coordinator's kraje for the breakdown (2: the role,
# the kraje), the statistics (8: requests, offers, contracts per year, days to contract, per ORP × 2, per
# provider × 2).
QUERIES = 15
