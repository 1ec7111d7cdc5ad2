"""The register of supervisors: a person applies, a coordinator of a kraj they work in approves (admin action), the
register shows approved profiles only, and the supervisor keeps their profile up to date."""

import pytest
from django.urls import reverse
from django.utils import translation

from education.models import Supervisor
from territory.models import home_kraj
from tests.accounts.factories import UserFactory
from tests.education.factories import make_supervisor, other_kraj

pytestmark = pytest.mark.django_db


def en(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def application(**fields):
    return {"name": "PhDr. Marek Supervizor", "qualification": "Výcvik v supervizi", "does_team": "on",
            "kraje": [home_kraj().pk], "email": "marek@example.cz", **fields}


def test_apply_get_approved_then_edit(client, coordinator, other_region_coordinator):
    person = UserFactory(verified=True)
    client.force_login(person)
    response = client.post(en("education:supervisor-profile"), application())
    supervisor = Supervisor.objects.get(person=person)
    assert response.status_code == 302 and supervisor.status == Supervisor.Status.PENDING
    client.logout()
    assert "Marek Supervizor" not in client.get(en("education:supervisors")).content.decode()
    assert client.get(en("education:supervisor", supervisor.pk)).status_code == 404
    changelist = reverse("admin:education_supervisor_changelist")
    action = {"action": "approve", "_selected_action": [supervisor.pk], "index": 0}
    client.force_login(other_region_coordinator)  # not a kraj the supervisor works in
    assert client.post(changelist, action).status_code == 404
    supervisor.refresh_from_db()
    assert supervisor.status == Supervisor.Status.PENDING
    client.force_login(coordinator)
    client.post(changelist, action)
    supervisor.refresh_from_db()
    assert supervisor.is_approved and supervisor.approved_by == coordinator
    client.logout()
    assert "Marek Supervizor" in client.get(en("education:supervisors")).content.decode()
    client.force_login(person)
    client.post(en("education:supervisor-profile"), application(name="PhDr. Marek Supervizor, Ph.D.",
                                                                does_case="on"))
    supervisor.refresh_from_db()
    assert supervisor.name.endswith("Ph.D.") and supervisor.does_case and supervisor.is_approved


def test_the_register_filters_by_kind_and_kraj(client):
    make_supervisor(name="Týmová Supervizorka")
    make_supervisor(name="Případový Supervizor", does_team=False, kraj=other_kraj())
    make_supervisor(name="Pozastavený", status=Supervisor.Status.SUSPENDED)
    text = client.get(en("education:supervisors")).content.decode()
    assert "Týmová" in text and "Případový" in text and "Pozastavený" not in text
    text = client.get(en("education:supervisors"), {"kind": "team", "kraj": home_kraj().pk}).content.decode()
    assert "Týmová" in text and "Případový" not in text
    assert client.get(en("education:supervisors"), {"kind": "nope"}).status_code == 400


def test_a_suspended_supervisor_cannot_edit_and_an_application_needs_a_kind(client):
    supervisor = make_supervisor(status=Supervisor.Status.SUSPENDED)
    client.force_login(supervisor.person)
    assert client.get(en("education:supervisor-profile")).status_code == 403
    client.force_login(UserFactory())
    response = client.post(en("education:supervisor-profile"), application(does_team=""))
    assert response.status_code == 400 and not Supervisor.objects.filter(name__startswith="PhDr. Marek").exists()
