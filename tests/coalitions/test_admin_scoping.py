"""Regional coordinators manage coalitions, meetings and events of their own kraj in the admin only."""

import pytest
from django.urls import reverse

from coalitions.models import Event
from tests.coalitions.factories import CoalitionFactory, EventFactory, MeetingFactory
from territory.models import Kraj

pytestmark = pytest.mark.django_db


@pytest.fixture
def records():
    jhm = Kraj.objects.get(nuts3="CZ064")
    return {
        "home": CoalitionFactory(name="Koalice Kladno"),
        "away": CoalitionFactory(name="Koalice Brno", kraj=jhm),
        "home_event": EventFactory(title="Veletrh Kladno"),
        "away_event": EventFactory(title="Veletrh Brno", kraj=jhm),
        "away_meeting": MeetingFactory(title="Setkání Brno", coalition=CoalitionFactory(kraj=jhm)),
    }


def test_coordinator_sees_only_their_kraj(client, coordinator, records):
    client.force_login(coordinator)
    html = client.get(reverse("admin:coalitions_coalition_changelist")).content.decode()
    assert "Koalice Kladno" in html and "Koalice Brno" not in html
    html = client.get(reverse("admin:coalitions_event_changelist")).content.decode()
    assert "Veletrh Kladno" in html and "Veletrh Brno" not in html
    for name, obj in (("coalition", records["away"]), ("event", records["away_event"]),
                      ("meeting", records["away_meeting"])):
        response = client.get(reverse(f"admin:coalitions_{name}_change", args=[obj.pk]))
        assert response.status_code == 404  # not in the person's scope: not found


def test_coordinator_cannot_create_an_event_in_another_kraj(client, coordinator):
    client.force_login(coordinator)
    data = {"title": "Kulatý stůl", "slug": "kulaty-stul", "kind": "round_table", "starts_at_0": "2027-01-10",
            "starts_at_1": "09:00", "ends_at_0": "2027-01-10", "ends_at_1": "12:00", "place": "Kladno",
            "kraj": Kraj.objects.get(nuts3="CZ064").pk, "organiser": "Kraj", "description": "Popis",
            "published": "on"}
    response = client.post(reverse("admin:coalitions_event_add"), data)
    assert response.status_code == 400 and not Event.objects.filter(slug="kulaty-stul").exists()
    data["kraj"] = Kraj.objects.get(nuts3="CZ020").pk
    assert client.post(reverse("admin:coalitions_event_add"), data).status_code == 302
    assert Event.objects.get(slug="kulaty-stul").kraj.nuts3 == "CZ020"


@pytest.mark.parametrize("role", ["user", "moderator"])
def test_others_have_no_admin(client, request, role, records):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("admin:coalitions_coalition_changelist")).status_code == 403
