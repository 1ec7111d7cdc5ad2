"""Efficiency indicators (computed in SQL), their quartiles among peers, the flags on the coordinators' page, and
who sees money figures."""

import pytest
from django.urls import reverse

from network.efficiency import distribution, distributions_by_type, flags, peer_figures
from network.models import AnnualFigures, DisclosureSettings
from territory.models import home_kraj
from tests.accounts.factories import UserFactory
from tests.network.factories import make_figures, this_year
from tests.services.factories import make_provider_staff, make_service

pytestmark = pytest.mark.django_db


def test_indicators_are_computed_in_the_query(db):
    figures = make_figures(make_service())
    row = AnnualFigures.objects.with_indicators().get(pk=figures.pk)
    assert row.occupancy == pytest.approx(0.9)  # 16,425 of 18,250 bed-days
    assert row.cost_per_unit == pytest.approx(12_000_000 / 16_425)
    assert row.cost_per_client == pytest.approx(240_000)
    assert row.staff_per_10_clients == pytest.approx(5.4)  # 27 FTE per 50 clients × 10
    assert row.public_money_share == pytest.approx(6_500_000 / 12_000_000)  # subsidy + kraj + obce


def test_a_zero_denominator_gives_no_indicator_instead_of_an_error(db):
    figures = make_figures(make_service(), clients=0, available=0, delivered=0,
                           revenues=(0, 0, 0, 0, 0, 0))
    row = AnnualFigures.objects.with_indicators().get(pk=figures.pk)
    assert row.occupancy is None and row.cost_per_unit is None and row.cost_per_client is None
    assert row.staff_per_10_clients is None and row.public_money_share is None


def test_quartiles_by_hand():
    dist = distribution([5, 1, 4, 2, 3, None])
    assert (dist.minimum, dist.q1, dist.median, dist.q3, dist.maximum, dist.n) == (1, 2, 3, 4, 5, 5)
    assert distribution([7]).median == 7 and distribution([]).n == 0
    even = distribution([10, 20, 30, 40])
    assert (even.q1, even.median, even.q3) == (17.5, 25, 32.5)


@pytest.fixture
def peers(db):
    """Five homes of the same type: occupancy 60, 85, 90, 92, 95 %; the first also costs the most per bed-day."""
    homes = []
    for n, (delivered, costs) in enumerate([(10_950, 14_000_000), (15_513, 11_000_000), (16_425, 12_000_000),
                                            (16_790, 12_100_000), (17_338, 12_500_000)]):
        home = make_service(name=f"Domov {n}")
        make_figures(home, delivered=delivered, costs=costs)
        homes.append(home)
    return homes


def test_the_under_used_and_costly_service_stands_out(peers):
    figures = peer_figures(kraj=home_kraj(), year=this_year() - 1)
    distributions = distributions_by_type(figures)
    flagged = {f.service.name: flags(f, distributions[f.service.service_type_id]) for f in figures}
    assert flagged["Domov 0"] == ["underused", "costly"]
    assert all(not value for name, value in flagged.items() if name != "Domov 0")
    occupancy = distributions[peers[0].service_type_id]["occupancy"]
    assert occupancy.median == pytest.approx(0.9)
    assert occupancy.q1 == pytest.approx(0.85, abs=0.001)


def test_the_coordinators_page_shows_it_in_a_fixed_number_of_queries(client, coordinator, peers,
                                                                    django_assert_num_queries):
    client.force_login(coordinator)
    client.get(reverse("network:overview"))  # warm the codelist caches
    with django_assert_num_queries(15):
        response = client.get(reverse("network:overview"))
    assert response.status_code == 200
    assert [f.service.name for f, _flags in response.context["standing_out"]] == ["Domov 0"]
    for n in range(3):
        make_figures(make_service(name=f"Další {n}"))
    with django_assert_num_queries(15):
        client.get(reverse("network:overview"))


def test_the_service_page_draws_the_strip_and_the_table(client, coordinator, peers):
    client.force_login(coordinator)
    response = client.get(reverse("network:service-efficiency", args=[peers[0].pk]))
    assert response.status_code == 200
    text = response.content.decode()
    assert 'class="strip-dot"' in text and "<caption>" in text
    assert response.context["flags"] == ["underused", "costly"]


def _role(request, role, service):
    if role == "anonymous":
        return None
    if role == "own_provider_staff":
        return make_provider_staff(service.provider)
    if role == "other_provider_staff":
        return make_provider_staff()
    if role == "superuser":
        return UserFactory(is_superuser=True, is_staff=True)
    return request.getfixturevalue(role)


ROLES = [("anonymous", False), ("user", False), ("moderator", False), ("other_provider_staff", False),
         ("own_provider_staff", True), ("other_region_coordinator", False), ("coordinator", True),
         ("superuser", True)]


@pytest.mark.parametrize("role, sees_money", ROLES)
def test_who_sees_money_figures(client, request, role, sees_money):
    service = make_service(name="Domov U Lípy")
    make_figures(service, costs=12_345_678)
    person = _role(request, role, service)
    if person is not None:
        client.force_login(person)
    internal = client.get(reverse("network:service-efficiency", args=[service.pk]))
    public = client.get(service.get_absolute_url())
    if sees_money:
        assert internal.status_code == 200 and "12 345 678" in internal.content.decode().replace("\xa0", " ")
    else:
        assert internal.status_code in (302, 404)
    text = public.content.decode().replace("\xa0", " ")
    assert "12 345 678" not in text  # money is internal by default, whoever looks at the public page
    assert "Počet klientů v roce" in text  # clients are public by default


def test_a_kraj_may_publish_money_figures(client, db):
    service = make_service(name="Domov U Lípy")
    make_figures(service, costs=12_345_678)
    DisclosureSettings.objects.create(kraj=home_kraj(), public_money=True, public_clients=False)
    text = client.get(service.get_absolute_url()).content.decode().replace("\xa0", " ")
    assert "12 345 678" in text
