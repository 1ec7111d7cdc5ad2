"""Provider staff enter their services' annual figures: validated, units fitting the type, implausible jumps
against the previous year confirmed explicitly; only the provider's staff and the kraj's coordinators."""

import pytest
from django.urls import reverse

from network.models import AnnualFigures
from tests.accounts.factories import UserFactory
from tests.network.factories import make_figures, service_type, this_year
from tests.services.factories import make_provider_staff, make_service

pytestmark = pytest.mark.django_db

GOOD = {"clients": "52", "unit_kind": "bed_days", "units_available": "18250", "units_delivered": "16800",
        "fte_social_workers": "2", "fte_care_workers": "21", "fte_other": "5", "costs_total": "12500000",
        "revenue_subsidy": "4000000", "revenue_kraj": "2000000", "revenue_obce": "500000",
        "revenue_users": "4700000", "revenue_insurance": "900000", "revenue_other": "100000"}


@pytest.fixture
def home(db):
    return make_service(name="Domov U Lípy")


@pytest.fixture
def staff(home):
    return make_provider_staff(home.provider)


def _url(service, year=None):
    return reverse("network:figures-edit", args=[service.pk, year or this_year() - 1])


def test_staff_report_the_figures(client, home, staff):
    client.force_login(staff)
    assert client.get(reverse("network:my-figures")).status_code == 200
    response = client.post(_url(home), GOOD)
    assert response.status_code == 302
    figures = AnnualFigures.objects.get(service=home)
    assert figures.clients == 52 and figures.reported_by == staff and figures.year == this_year() - 1


@pytest.mark.parametrize("field, value", [("clients", "-1"), ("costs_total", "-5"), ("fte_other", "-0.5"),
                                          ("units_delivered", "abc")])
def test_negative_or_malformed_numbers_are_refused(client, home, staff, field, value):
    client.force_login(staff)
    response = client.post(_url(home), {**GOOD, field: value})
    assert response.status_code == 400 and not AnnualFigures.objects.exists()


def test_units_must_fit_the_type(client, staff, home):
    client.force_login(staff)
    response = client.post(_url(home), {**GOOD, "unit_kind": "hours"})  # a residential home counts bed-days
    assert response.status_code == 400
    field = make_service(name="Pečovatelská služba", service_type=service_type(4), forms=("ter",), unit="klient",
                         provider=home.provider)
    response = client.post(_url(field), {**GOOD, "unit_kind": "bed_days"})  # a field service has no beds
    assert response.status_code == 400 and not AnnualFigures.objects.exists()


def test_a_jump_against_the_previous_year_must_be_confirmed(client, home, staff):
    make_figures(home, year=this_year() - 2, clients=50, delivered=16_425, costs=12_000_000)
    client.force_login(staff)
    jumped = {**GOOD, "clients": "520"}  # a digit too many
    response = client.post(_url(home), jumped)
    assert response.status_code == 400 and "confirm_jumps" in response.content.decode()
    assert not AnnualFigures.objects.filter(year=this_year() - 1).exists()
    response = client.post(_url(home), {**jumped, "confirm_jumps": "on"})
    assert response.status_code == 302
    assert AnnualFigures.objects.get(year=this_year() - 1).clients == 520


@pytest.mark.parametrize("role, allowed", [("user", False), ("moderator", False), ("other_staff", False),
                                           ("other_region_coordinator", False), ("coordinator", True)])
def test_only_the_providers_staff_and_the_kraj_s_coordinators(client, request, home, role, allowed):
    person = make_provider_staff() if role == "other_staff" else request.getfixturevalue(role)
    client.force_login(person)
    response = client.post(_url(home), GOOD)
    assert (response.status_code == 302) is allowed
    assert AnnualFigures.objects.exists() is allowed


def test_anonymous_is_sent_to_log_in(client, home):
    assert client.get(_url(home)).status_code == 302
    assert client.get(reverse("network:my-figures")).status_code == 302


def test_a_future_year_is_refused(client, home, staff):
    client.force_login(staff)
    assert client.get(_url(home, this_year() + 1)).status_code == 403


def test_superuser_may_report_too(client, home):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    assert client.post(_url(home), GOOD).status_code == 302


def test_the_profile_links_provider_staff_to_their_figures(client, staff):
    client.force_login(staff)
    assert reverse("network:my-figures") in client.get(reverse("accounts:profile")).content.decode()


def test_the_profile_of_an_ordinary_person_has_no_network_section(client, user):
    client.force_login(user)
    assert reverse("network:my-figures") not in client.get(reverse("accounts:profile")).content.decode()
