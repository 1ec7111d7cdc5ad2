"""The network in the admin: a capacity change needs its date and reason and is kept as a change row; each kraj's
coordinators see only their kraj; every model keeps a history."""

import pytest
from django.urls import reverse

from network.models import NetworkChange, NetworkMembership
from territory.models import Kraj, Obec
from tests.network.factories import make_membership
from tests.services.factories import ProviderFactory, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def line(db):
    return make_membership(make_service(name="Domov U Lípy", capacity=60), capacity=50, form="pob")


def _form(line, **changes):
    data = {"kraj": line.kraj_id, "year": line.year, "service": line.service_id, "form": line.form, "unit": line.unit,
            "capacity": line.capacity, "entrustment_number": "", "entrusted_from": "", "entrusted_to": "",
            "financing_category": line.financing_category, "excluded_on": "", "note": "",
            "changes-TOTAL_FORMS": "0", "changes-INITIAL_FORMS": "0", "change_on": "", "change_reason": ""}
    data.update(changes)
    return data


def test_a_capacity_change_without_a_reason_is_refused(client, coordinator, line):
    client.force_login(coordinator)
    response = client.post(reverse("admin:network_networkmembership_change", args=[line.pk]), _form(line, capacity=40))
    assert response.status_code == 400
    line.refresh_from_db()
    assert line.capacity == 50 and not NetworkChange.objects.exists()


def test_a_capacity_change_is_kept_with_its_date_and_reason(client, coordinator, line):
    client.force_login(coordinator)
    response = client.post(reverse("admin:network_networkmembership_change", args=[line.pk]),
                           _form(line, capacity=40, change_on="2026-04-01", change_reason="Rekonstrukce pokojů"))
    assert response.status_code == 302
    line.refresh_from_db()
    change = NetworkChange.objects.get()
    assert line.capacity == 40 and str(change.changed_on) == "2026-04-01"
    assert (change.capacity_before, change.capacity_after, change.recorded_by) == (50, 40, coordinator)
    assert line.history.count() == 2  # created + changed


def test_another_kraj_s_coordinator_does_not_find_the_line(client, other_region_coordinator, line):
    client.force_login(other_region_coordinator)
    assert client.get(reverse("admin:network_networkmembership_change", args=[line.pk])).status_code == 404
    listing = client.get(reverse("admin:network_networkmembership_changelist"))
    assert listing.context["cl"].result_count == 0


def test_a_line_of_another_kraj_cannot_be_saved_by_a_coordinator(client, coordinator, line):
    brno = Obec.objects.get(pk=582786)
    foreign = make_service(name="Domov Brno", obec=brno, provider=ProviderFactory(obec=brno))
    client.force_login(coordinator)
    data = _form(line, kraj=Kraj.objects.get(nuts3="CZ064").pk, service=foreign.pk)
    data.update({"kraj": Kraj.objects.get(nuts3="CZ064").pk})
    response = client.post(reverse("admin:network_networkmembership_add"), data)
    assert response.status_code == 400
    assert NetworkMembership.objects.count() == 1


def test_the_change_of_a_line_during_the_year_through_the_model(line, coordinator):
    import datetime as dt

    line.change_capacity(capacity=45, on=dt.date(2026, 3, 1), reason="Snížení podle poptávky", by=coordinator)
    line.exclude(on=dt.date(2026, 9, 30), reason="Ukončení pověření", by=coordinator)
    kinds = list(line.changes.order_by("changed_on").values_list("kind", "capacity_before", "capacity_after"))
    assert kinds == [("capacity", 50, 45), ("exclusion", 45, 0)]
    assert NetworkMembership.objects.current(dt.date(2026, 10, 1)).count() == 0
    assert NetworkMembership.objects.current(dt.date(2026, 9, 29)).count() == 1
