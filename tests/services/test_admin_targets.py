"""Coordinators set minimal-network targets and handle error reports of their own kraj only."""

import pytest
from django.urls import reverse

from services.models import NetworkTarget, RecordCorrection, ServiceType
from tests.services.factories import make_service
from territory.models import Obec

pytestmark = pytest.mark.django_db


@pytest.fixture
def targets():
    home_type = ServiceType.objects.get(code="DruhSocialniSluzby/13")
    return {
        "kladno": NetworkTarget.objects.create(orp_id=2109, service_type=home_type, unit="luzka", target=100),
        "brno": NetworkTarget.objects.create(orp_id=6202, service_type=home_type, unit="luzka", target=300),
    }


def test_coordinator_sees_only_targets_of_their_kraj(client, coordinator, targets):
    client.force_login(coordinator)
    html = client.get(reverse("admin:services_networktarget_changelist")).content.decode()
    assert "Kladno" in html and "Brno" not in html
    assert client.get(reverse("admin:services_networktarget_change", args=[targets["kladno"].pk])).status_code == 200
    foreign = client.get(reverse("admin:services_networktarget_change", args=[targets["brno"].pk]))
    assert foreign.status_code == 404  # another kraj's target is not found


def test_other_region_coordinator_cannot_touch_home_targets(client, other_region_coordinator, targets):
    client.force_login(other_region_coordinator)
    html = client.get(reverse("admin:services_networktarget_changelist")).content.decode()
    assert "Kladno" not in html


def test_coordinator_sets_a_target_and_is_recorded(client, coordinator):
    client.force_login(coordinator)
    home_type = ServiceType.objects.get(code="DruhSocialniSluzby/14")
    response = client.post(reverse("admin:services_networktarget_add"),
                           {"orp": 2109, "service_type": home_type.pk, "unit": "luzka", "target": 40, "note": ""})
    assert response.status_code == 302
    target = NetworkTarget.objects.get(service_type=home_type)
    assert target.set_by == coordinator and target.target == 40


def test_foreign_orp_is_refused(client, coordinator):
    client.force_login(coordinator)
    home_type = ServiceType.objects.get(code="DruhSocialniSluzby/14")
    response = client.post(reverse("admin:services_networktarget_add"),
                           {"orp": 6202, "service_type": home_type.pk, "unit": "luzka", "target": 40, "note": ""})
    assert response.status_code == 400  # the form comes back with an error
    assert not NetworkTarget.objects.exists()


def test_plain_user_has_no_access(client, user, targets):
    client.force_login(user)
    assert client.get(reverse("admin:services_networktarget_changelist")).status_code == 403


def test_coordinator_resolves_error_reports_of_their_kraj(client, coordinator):
    home = make_service(name="Domov Kladno")
    away = make_service(name="Domov Brno", obec=Obec.objects.get(name="Brno"))
    mine = RecordCorrection.objects.create(service=home, message="Špatný telefon")
    theirs = RecordCorrection.objects.create(service=away, message="Jiná adresa")
    client.force_login(coordinator)
    html = client.get(reverse("admin:services_recordcorrection_changelist")).content.decode()
    assert "Domov Kladno" in html and "Domov Brno" not in html
    # Another kraj's report among the selected: refused whole (not found), nothing resolved.
    response = client.post(reverse("admin:services_recordcorrection_changelist"),
                           {"action": "mark_resolved", "_selected_action": [mine.pk, theirs.pk]})
    assert response.status_code == 404
    mine.refresh_from_db()
    assert mine.resolved_at is None
    client.post(reverse("admin:services_recordcorrection_changelist"),
                {"action": "mark_resolved", "_selected_action": [mine.pk]})
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.resolved_by == coordinator and theirs.resolved_at is None
