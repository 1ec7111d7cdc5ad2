"""Planning in the admin: the planning coordinator's scope (only their locality's plans), the kraj coordinator's
(every plan of the kraj), assignments that give and take the role, settling through the admin, and the import of
a plan's structure from CSV/XLSX (preview, per-row errors, nothing stored from a broken file)."""

import base64
import json
import re

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from accounts import roles
from core.spreadsheets import xlsx_bytes
from planning.models import (
    Activity,
    Comment,
    CoordinatorAssignment,
    Measure,
    Plan,
    PlanningLocality,
    Priority,
)
from territory.models import Orp, home_kraj
from tests.accounts.factories import UserFactory
from tests.planning.factories import (
    kladensko,
    make_comment,
    make_plan_structure,
    open_consultation,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _slansko():
    locality = PlanningLocality.objects.create(kraj=home_kraj(), name="Slánsko")
    locality.orps.set([Orp.objects.get(pk=2124)])
    return locality


def _changelist(client, model):
    response = client.get(reverse(f"admin:planning_{model}_changelist"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_planning_coordinator_sees_only_their_localitys_plans(client, planning_coordinator):
    own, own_measure = make_plan_structure(locality=kladensko(), title="KPSS Kladensko")
    other, _m = make_plan_structure(locality=_slansko(), title="KPSS Slánsko")
    kraj_plan, _m = make_plan_structure(title="Krajský plán")
    client.force_login(planning_coordinator)
    page = _changelist(client, "plan")
    assert "KPSS Kladensko" in page and "KPSS Slánsko" not in page and "Krajský plán" not in page
    assert client.get(reverse("admin:planning_plan_change", args=[own.pk])).status_code == 200
    for plan in (other, kraj_plan):
        assert client.get(reverse("admin:planning_plan_change", args=[plan.pk])).status_code == 404
    assert client.get(reverse("admin:planning_measure_change", args=[own_measure.pk])).status_code == 200
    # Their priority choices are their own plan's; the kraj's priorities only as "contributes to".
    form = client.get(reverse("admin:planning_measure_change", args=[own_measure.pk])).content.decode()
    priority_select = re.search(r'<select name="priority".*?</select>', form, re.DOTALL).group(0)
    assert str(own_measure.priority) in priority_select
    assert "KPSS Slánsko" not in form
    assert client.get(reverse("admin:planning_coordinatorassignment_changelist")).status_code == 403


def test_the_kraj_coordinator_sees_every_plan_of_the_kraj(client, coordinator, other_region_coordinator):
    make_plan_structure(locality=kladensko(), title="KPSS Kladensko")
    make_plan_structure(title="Krajský plán")
    client.force_login(coordinator)
    page = _changelist(client, "plan")
    assert "KPSS Kladensko" in page and "Krajský plán" in page
    client.force_login(other_region_coordinator)
    page = _changelist(client, "plan")
    assert "KPSS Kladensko" not in page and "Krajský plán" not in page


def test_a_planning_coordinator_adds_plans_only_for_their_locality(client, planning_coordinator):
    client.force_login(planning_coordinator)
    url = reverse("admin:planning_plan_add")
    base = {"title": "Nový KPSS", "slug": "novy-kpss", "kraj": home_kraj().pk, "period_start": 2027,
            "period_end": 2029, "summary": "", "analysis": "", "financing": "", "monitoring": ""}
    response = client.post(url, {**base, "locality": _slansko().pk})
    assert response.status_code == 400 and not Plan.objects.exists()  # not one of their choices
    response = client.post(url, base)  # a kraj plan
    assert response.status_code == 403 and not Plan.objects.exists()
    response = client.post(url, {**base, "locality": kladensko().pk})
    assert response.status_code == 302
    assert Plan.objects.get().locality == kladensko()


def test_an_assignment_gives_the_role_and_its_removal_takes_it_back(client, coordinator):
    person = UserFactory(verified=True)
    client.force_login(coordinator)
    response = client.post(reverse("admin:planning_coordinatorassignment_add"),
                           {"user": person.pk, "locality": kladensko().pk})
    assert response.status_code == 302
    person.refresh_from_db()
    assignment = CoordinatorAssignment.objects.get()
    assert assignment.assigned_by == coordinator
    assert person.is_staff and person.has_role(roles.PLANNING_COORDINATOR)
    response = client.post(reverse("admin:planning_coordinatorassignment_delete", args=[assignment.pk]),
                           {"post": "yes"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert not person.is_staff and not person.groups.filter(name=roles.PLANNING_COORDINATOR).exists()


def test_the_new_role_holds_only_planning_permissions(db):
    roles.ensure_groups()
    group = Group.objects.get(name=roles.PLANNING_COORDINATOR)
    labels = set(group.permissions.values_list("content_type__app_label", flat=True))
    assert labels == {"planning"}
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert "change_plan" in codenames and "view_planninglocality" in codenames
    assert "change_planninglocality" not in codenames and "add_coordinatorassignment" not in codenames


def test_settling_in_the_admin_goes_through_the_rules(client, planning_coordinator, coordinator):
    plan, measure = make_plan_structure(locality=kladensko())
    open_consultation(plan, coordinator)
    comment = make_comment(plan, UserFactory(), measure=measure)
    client.force_login(planning_coordinator)
    url = reverse("admin:planning_comment_change", args=[comment.pk])
    response = client.post(url, {"outcome": "rejected", "justification": ""})
    assert response.status_code == 400
    response = client.post(url, {"outcome": "rejected", "justification": "Mimo působnost ORP."})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.outcome == Comment.Outcome.REJECTED and comment.settled_by == planning_coordinator
    assert client.get(reverse("admin:planning_comment_add")).status_code == 403


# --- Import ------------------------------------------------------------------------------------------------------

GOOD = [
    ["Priorita", "Název priority", "Opatření", "Název opatření", "Odpovědná organizace", "Aktivita", "Rok"],
    ["1", "Senioři", "1.1", "Pečovatelská služba o víkendech", "Město Kladno", "Analýza poptávky", "2026"],
    ["1", "Senioři", "1.1", "Pečovatelská služba o víkendech", "Město Kladno", "Výběr poskytovatele", "2027"],
    ["1", "Senioři", "1.2", "Denní stacionář", "Město Kladno", "", ""],
    ["2", "Rodiny s dětmi", "2.1", "Sociálně aktivizační služba", "Charita Kladno", "Zahájení služby", "2027"],
]


def _upload(client, plan, name, content):
    return client.post(reverse("admin:planning_plan_import", args=[plan.pk]),
                       {"file": SimpleUploadedFile(name, content)})


def _csv(rows):
    return "\n".join(";".join(row) for row in rows).encode("utf-8-sig")


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_importing_a_good_file_previews_then_stores(client, planning_coordinator, file_format):
    plan, _measure = make_plan_structure(locality=kladensko())
    Priority.objects.filter(plan=plan).delete()
    client.force_login(planning_coordinator)
    content = _csv(GOOD) if file_format == "csv" else xlsx_bytes(GOOD)
    preview = _upload(client, plan, f"struktura.{file_format}", content)
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Preview" in page and "Pečovatelská služba o víkendech" in page
    assert not Priority.objects.filter(plan=plan).exists()  # a preview stores nothing
    payload = re.search(r'name="rows" value="([^"]+)"', page).group(1)
    response = client.post(reverse("admin:planning_plan_import", args=[plan.pk]), {"rows": payload, "confirm": "1"})
    assert response.status_code == 302
    assert list(plan.priorities.values_list("number", "title")) == [(1, "Senioři"), (2, "Rodiny s dětmi")]
    weekend = Measure.objects.get(priority__plan=plan, title="Pečovatelská služba o víkendech")
    assert weekend.code == "1.1" and weekend.responsible_organisation == "Město Kladno"
    assert list(weekend.activities.values_list("title", "year")) == [("Analýza poptávky", 2026),
                                                                      ("Výběr poskytovatele", 2027)]
    assert Activity.objects.filter(measure__priority__plan=plan).count() == 3


def test_a_broken_file_names_its_rows_and_stores_nothing(client, coordinator):
    plan, _measure = make_plan_structure()
    before = (Priority.objects.count(), Measure.objects.count(), Activity.objects.count())
    client.force_login(coordinator)
    bad = [GOOD[0], ["x", "Senioři", "1.1", "Pečovatelská služba", "", "", ""],
           ["1", "Senioři", "1.1", "", "", "", ""],
           ["1", "Jiný název", "", "", "", "", ""],
           ["1", "Senioři", "1.2", "Stacionář", "", "Aktivita", "1999"],
           ["2", "Rodiny", "", "", "", "Aktivita bez opatření", ""]]
    response = _upload(client, plan, "struktura.csv", _csv(bad))
    assert response.status_code == 400
    page = response.content.decode()
    for line in (2, 3, 4, 5, 6):
        assert f"Row {line}" in page, line
    assert "Confirm and import" not in page
    # A forged confirmation of a broken file stores nothing either.
    rows = base64.b64encode(json.dumps(bad).encode()).decode()
    response = client.post(reverse("admin:planning_plan_import", args=[plan.pk]), {"rows": rows, "confirm": "1"})
    assert response.status_code == 400
    assert (Priority.objects.count(), Measure.objects.count(), Activity.objects.count()) == before


@pytest.mark.parametrize("name, content", [
    ("struktura.csv", b""), ("struktura.csv", "Priorita;Název\n".encode("cp1250") + "Senioři".encode("cp1250")),
    ("struktura.xlsx", b"PK\x03\x04 not a zip"), ("struktura.csv", b"a;b\n1;2\n"),
])
def test_unreadable_files_are_refused_with_a_message(client, coordinator, name, content):
    plan, _measure = make_plan_structure()
    client.force_login(coordinator)
    response = _upload(client, plan, name, content)
    assert response.status_code == 400
    assert plan.priorities.count() == 1


def test_nobody_imports_into_a_plan_outside_their_scope(client, planning_coordinator, other_region_coordinator):
    plan, _measure = make_plan_structure(title="Krajský plán")
    for person in (planning_coordinator, other_region_coordinator):
        client.force_login(person)
        response = _upload(client, plan, "struktura.csv", _csv(GOOD))
        assert response.status_code == 404
    assert plan.priorities.count() == 1


def test_a_new_period_starts_from_the_previous_plan_in_the_admin(client, planning_coordinator):
    previous, measure = make_plan_structure(locality=kladensko(), period_start=2023, period_end=2025)
    new = Plan.objects.create(kraj=home_kraj(), locality=kladensko(), title="KPSS 2026–2028", slug="kpss-2026",
                              period_start=2026, period_end=2028, previous=previous)
    client.force_login(planning_coordinator)
    response = client.post(reverse("admin:planning_plan_changelist"),
                           {"action": "copy_previous", "_selected_action": [new.pk], "index": 0})
    assert response.status_code == 302
    assert new.priorities.get().measures.get().title == measure.title
