"""Verifying capacity reports at scale: the plausibility rule holds implausible figures with their reason, a
provider coordinators have verified often enough gets its plausible figures verified at once, and the admin's
verification page verifies the plausible rest by provider or all at once — only in the coordinator's kraj."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from services.models import CapacityReport, RegisteredCapacity
from services.models.capacity import implausibility, provider_is_trusted
from territory.models import Obec
from tests.i18n import english
from tests.services.factories import ProviderFactory, make_provider_staff, make_service

pytestmark = pytest.mark.django_db

VERIFICATION = reverse("admin:services_capacityreport_verification")
WEEK_AGO = dt.date.today() - dt.timedelta(days=7)


def brno():
    return Obec.objects.filter(orp__kraj__nuts3="CZ064").order_by("pk").first()


class Previous:
    def __init__(self, waiting_list):
        self.waiting_list = waiting_list


@pytest.mark.parametrize(("free", "waiting", "maximum", "previous", "held"), [
    (3, 10, 20, None, False),
    (21, 0, 20, None, True),  # more free places than registered
    (20, 0, 20, None, False),  # all free is possible
    (1, 12, 20, 10, False),
    (1, 40, 20, 10, True),  # more than three times as many waiting
    (1, 4, 20, 1, False),  # 1 → 4 is a small change, whatever the ratio
    (1, 11, 20, 0, True),  # from nobody to eleven people
    (1, 9, 20, 0, False),
    (5, 0, None, None, False),  # no registered line to compare with
])
def test_the_plausibility_rule(settings, free, waiting, maximum, previous, held):
    settings.CAPACITY_WAITING_JUMP_FACTOR, settings.CAPACITY_WAITING_JUMP_MIN = 3, 10
    reason = implausibility(free_places=free, waiting_list=waiting, maximum=maximum,
                            previous=Previous(previous) if previous is not None else None)
    assert bool(reason) is held


def test_implausible_figures_from_the_providers_form_are_stored_and_wait_with_their_reason(client):
    service = make_service(free_places=2, waiting_list=3, as_of=WEEK_AGO, capacity=20)
    staff = make_provider_staff(service.provider)
    line = RegisteredCapacity.objects.get(service=service)
    client.force_login(staff)
    response = client.post(f"/en/my-services/{service.pk}/free-places/",
                           {f"line-{line.pk}-free_places": 2, f"line-{line.pk}-waiting_list": 60})
    assert response.status_code == 302
    report = CapacityReport.objects.get(service=service, as_of=timezone.localdate())
    assert (report.free_places, report.waiting_list) == (2, 60)  # stored and shown at once
    assert report.verified_at is None
    assert report.attention == "The waiting list jumped from 3 to 60 since the previous report."


def test_a_trusted_provider_gets_plausible_figures_verified_at_once_but_not_implausible_ones(settings, coordinator):
    settings.CAPACITY_TRUST_AFTER = 2
    provider = ProviderFactory()
    service = make_service(provider=provider, free_places=1, waiting_list=5, as_of=WEEK_AGO)
    assert not provider_is_trusted(provider.pk)
    first = CapacityReport.record(service=service, form="pob", unit="luzka", free_places=2, waiting_list=5,
                                  as_of=WEEK_AGO + dt.timedelta(days=1))
    assert first.verified_at is None and first.attention == ""  # plausible, but nobody trusts them yet
    CapacityReport.objects.filter(service=service).verify(by=coordinator)
    assert provider_is_trusted(provider.pk)
    plausible = CapacityReport.record(service=service, form="pob", unit="luzka", free_places=3, waiting_list=6)
    assert plausible.verified_at is not None and plausible.auto_verified and plausible.verified_by is None
    implausible = CapacityReport.record(service=service, form="pob", unit="luzka", free_places=25, waiting_list=6)
    assert implausible.verified_at is None and implausible.attention


def test_verifications_by_the_rule_do_not_earn_trust(settings):
    settings.CAPACITY_TRUST_AFTER = 2
    provider = ProviderFactory()
    service = make_service(provider=provider, free_places=1)
    CapacityReport.objects.filter(service=service).update(verified_at=timezone.now(), auto_verified=True)
    CapacityReport.record(service=service, form="pob", unit="luzka", free_places=2, waiting_list=0)
    assert not provider_is_trusted(provider.pk)


def test_zero_switches_the_trust_rule_off(settings, coordinator):
    settings.CAPACITY_TRUST_AFTER = 0
    service = make_service(free_places=1)
    CapacityReport.objects.filter(service=service).verify(by=coordinator)
    assert CapacityReport.record(service=service, form="pob", unit="luzka", free_places=2).verified_at is None


@pytest.fixture
def waiting_reports(settings):
    """Two providers of the home kraj with plausible reports waiting, one implausible, and one in Brno."""
    settings.CAPACITY_TRUST_AFTER = 0
    charita, diakonie = ProviderFactory(name="Charita Kladno"), ProviderFactory(name="Diakonie Beroun")
    for n in range(3):
        make_service(provider=charita, name=f"Charita {n}", free_places=n)
    make_service(provider=diakonie, name="Diakonie", free_places=1)
    held = make_service(provider=diakonie, name="Diakonie pořadník", free_places=1, waiting_list=1, as_of=WEEK_AGO)
    held_report = CapacityReport.record(service=held, form="pob", unit="luzka", free_places=1, waiting_list=50)
    away = make_service(obec=brno(), name="Brno", free_places=2)
    return {"charita": charita, "diakonie": diakonie, "held": held_report, "away": away}


def test_the_page_counts_and_lists_only_the_coordinators_kraj(client, coordinator, waiting_reports):
    client.force_login(coordinator)
    response = client.get(english(VERIFICATION))
    assert response.status_code == 200
    html = response.content.decode()
    assert "5 reports with plausible figures are waiting" in html  # 3 + 1 + the report before the jump
    assert "switched off" in html  # CAPACITY_TRUST_AFTER = 0 in this fixture
    assert "1 report needs a look" in html
    assert html.index("Charita Kladno") < html.index("Diakonie Beroun")  # largest first
    assert "Brno" not in html
    changelist = client.get(english(reverse("admin:services_capacityreport_changelist")))
    assert f'href="{english(VERIFICATION)}"' in changelist.content.decode()
    assert "/import/" in changelist.content.decode()  # the import/export buttons stay


def test_verify_one_provider_then_all_leaving_the_implausible_and_other_kraje_alone(client, coordinator,
                                                                                    waiting_reports):
    client.force_login(coordinator)
    charita = waiting_reports["charita"]
    assert client.post(VERIFICATION, {"provider": charita.pk}).status_code == 302
    assert not CapacityReport.objects.filter(service__provider=charita, verified_at__isnull=True).exists()
    assert CapacityReport.objects.filter(service__provider=waiting_reports["diakonie"],
                                         verified_at__isnull=True).count() == 3
    client.post(VERIFICATION, {"provider": "all"})
    waiting = CapacityReport.objects.filter(verified_at__isnull=True)
    assert set(waiting.values_list("pk", flat=True)) == {
        waiting_reports["held"].pk, *CapacityReport.objects.filter(service=waiting_reports["away"]).values_list(
            "pk", flat=True)}
    assert CapacityReport.objects.filter(verified_by=coordinator).count() == 5


@pytest.mark.parametrize("value", ["", "abc", "12abc", "-1"])
def test_a_malformed_provider_verifies_nothing(client, coordinator, waiting_reports, value):
    client.force_login(coordinator)
    response = client.post(VERIFICATION, {"provider": value})
    assert response.status_code == 302
    assert not CapacityReport.objects.filter(verified_at__isnull=False).exists()


def test_another_kraj_provider_id_verifies_nothing(client, other_region_coordinator, waiting_reports):
    other_region_coordinator.coordinated_kraje.set([brno().orp.kraj])
    client.force_login(other_region_coordinator)
    client.post(VERIFICATION, {"provider": waiting_reports["charita"].pk})
    assert not CapacityReport.objects.filter(service__provider=waiting_reports["charita"],
                                             verified_at__isnull=False).exists()
    client.post(VERIFICATION, {"provider": "all"})
    assert set(CapacityReport.objects.filter(verified_at__isnull=False).values_list("service_id", flat=True)) == {
        waiting_reports["away"].pk}


@pytest.mark.parametrize("role", ["anonymous", "user", "provider_staff"])
def test_only_coordinators_reach_the_page(client, user, role, waiting_reports):
    if role == "user":
        client.force_login(user)
    elif role == "provider_staff":
        client.force_login(make_provider_staff(is_staff=True))
    for response in (client.get(VERIFICATION), client.post(VERIFICATION, {"provider": "all"})):
        assert response.status_code in (302, 403)
        assert "admin/login" in response.get("Location", "") or response.status_code == 403
    assert not CapacityReport.objects.filter(verified_at__isnull=False).exists()


@pytest.mark.parametrize("providers", [1, 12])
def test_the_page_runs_a_fixed_number_of_queries(client, coordinator, django_assert_num_queries, providers):
    for n in range(providers):
        make_service(provider=ProviderFactory(name=f"Poskytovatel {n}"), free_places=1)
    client.force_login(coordinator)
    client.get(VERIFICATION)  # warm the session and the permission caches
    with django_assert_num_queries(7):
        assert client.get(VERIFICATION).status_code == 200
