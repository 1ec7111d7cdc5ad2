"""The admin's authorisation matrix for *writes*, generated from `admin.site._registry` like the page matrix
(tests/test_admin_matrix.py), so that a newly registered model, inline or action cannot be forgotten.

For each role — anonymous, ordinary, provider staff, moderator, coalition coordinator, the coordinator of the home
kraj and the coordinator of another kraj — and every registered model whose home-kraj record lies outside what
the role may change, it sends what a browser would send: the change form (as a superuser sees it, with a text
field changed), the delete confirmation, simple-history's "revert to this version" and every admin action with
the record selected. Each must answer 403/404 (302 to the login for anonymous visitors) and change no stored row.

Which records a role may change is declared here, from the roles table (accounts.roles.role_permissions(), declared by each app) and the
scope rules of the README, not asked of the admin under test. Inlines get their own check: the home coordinator
sends a service's, a coalition's and a meeting's change form whose inline rows name another kraj's records.
"""

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.db import connection
from django.test import Client
from simple_history.admin import SimpleHistoryAdmin

from accounts import roles
from core.admin import RegionScopedMixin
from territory.models import Kraj, Obec, home_kraj
from tests.coalitions.factories import AgendaItemFactory, CoalitionFactory, MeetingFactory, MembershipFactory
from tests.crawl_forms import FormParser, row_fingerprints
from tests.accounts.factories import UserFactory
from tests.services.factories import make_service
from tests.test_admin_matrix import _newest_version, _request, _url, build, people  # noqa: F401  (people: a fixture)

pytestmark = pytest.mark.django_db

POST_ROLES = ["anonymous", "user", "provider_staff", "moderator", "coalition_coordinator", "coordinator",
              "other_region_coordinator", "planning_coordinator", "methodologist", "ospod_worker"]
ROLE_GROUPS = {"coordinator": roles.REGIONAL_COORDINATOR, "other_region_coordinator": roles.REGIONAL_COORDINATOR,
               "coalition_coordinator": roles.COALITION_COORDINATOR,
               "planning_coordinator": roles.PLANNING_COORDINATOR, "methodologist": roles.QUALITY_METHODOLOGIST,
               "ospod_worker": roles.OSPOD_WORKER}
# Actions that only read (a file download): allowed to whoever may view the rows.
READ_ONLY_ACTIONS = {"export_admin_action"}
# Fields a changed value goes into, in this order of preference (free text, no format to validate).
TEXT_FIELDS = ("note", "notes", "description", "text", "title", "name", "topic", "display_name", "reason", "body")


def may_change(role: str, model, obj) -> bool:
    """Whether `role` may change the home-kraj record `obj`, by the roles table and the scope rules."""
    group = ROLE_GROUPS.get(role)
    if group is None:
        return False
    meta = model._meta
    if f"{meta.app_label}.change_{meta.model_name}" not in roles.role_permissions()[group]:
        return False
    if role == "coalition_coordinator":
        return False  # the matrix's coalition is not one this person coordinates
    if role == "planning_coordinator":
        return meta.app_label == "planning"  # the matrix's plan is of their locality (Kladensko)
    if isinstance(admin.site._registry[model], RegionScopedMixin):
        return role == "coordinator"  # region-bound: only the home kraj's coordinator
    if meta.label == "accounts.User":  # ordinary accounts: any regional coordinator verifies or suspends them
        return not (obj.is_staff or obj.is_superuser)
    return True  # the forum is the installation's, not a kraj's


def snapshot() -> tuple:
    """Every stored row of the project's tables, plus the admin log and the size of every history table."""
    history = {}
    with connection.cursor() as cursor:
        for model in apps.get_models():
            if model._meta.object_name.startswith("Historical"):
                cursor.execute(f'SELECT COUNT(*) FROM "{model._meta.db_table}"')
                history[model._meta.label] = cursor.fetchone()[0]
    groups = sorted(apps.get_model("auth", "Group").objects.values_list("pk", "name"))
    return row_fingerprints(), LogEntry.objects.count(), history, groups


def _changes(before, after) -> list:
    rows_before, rows_after = before[0], after[0]
    changed = [key for key in rows_before.keys() | rows_after.keys() if rows_before.get(key) != rows_after.get(key)]
    problems = [f"row {key} changed" for key in sorted(changed, key=str)[:10]]
    if before[1] != after[1]:
        problems.append("the admin log grew")
    problems += [f"{label} history grew" for label, count in after[2].items() if before[2].get(label) != count]
    if before[3] != after[3]:
        problems.append("groups changed")
    return problems


def change_form_data(client, url) -> dict | None:
    """What a browser sends from the change form at `url` (as the superuser `client` sees it), with one free-text
    field changed, or None when the form is not there (a read-only admin)."""
    response = client.get(url)
    if response.status_code != 200:
        return None
    parser = FormParser(url)
    parser.feed(response.content.decode())
    form = next((f for f in parser.forms if f.method == "post" and any(
        field.name == "csrfmiddlewaretoken" for field in f.fields) and any(
        field.kind not in ("hidden", "submit") for field in f.fields)), None)
    if form is None:
        return None
    data = form.default_data()
    data.pop("csrfmiddlewaretoken", None)
    names = {field.name for field in form.fields if field.kind in ("text", "textarea")}
    for name in TEXT_FIELDS:
        if name in names:
            value = data.get(name) or [""]
            data[name] = [f"{value[0]} (matice)"[:100]]
            break
    return data


def _refused(role, response, login_prefix="/cs/ucet/login/", admin_login="/cs/admin/login/") -> bool:
    if role == "anonymous":
        return response.status_code == 302 and response.url.startswith((admin_login, login_prefix))
    return response.status_code in (403, 404)


@pytest.mark.parametrize("role", POST_ROLES)
def test_admin_post_matrix(client, people, role):  # noqa: F811
    person = people[role]
    superuser = Client()
    superuser.force_login(people["superuser"])
    built = {}
    objects = {model: build(model, built) for model in admin.site._registry}
    # The forms as the superuser sees them, read before anything is sent.
    requests = []
    for model, model_admin in admin.site._registry.items():
        obj = objects[model]
        if may_change(role, model, obj):
            continue
        label = model._meta.label
        change_url = _url(model, "change", obj.pk)
        data = change_form_data(superuser, change_url) or {"__matrix": ["x"]}
        requests.append((label, "change form", change_url, data))
        requests.append((label, "delete", _url(model, "delete", obj.pk), {"post": ["yes"]}))
        version = _newest_version(model_admin, obj)
        if version is not None:
            url = _url(model, "simple_history", obj.pk, version.history_id)
            requests.append((label, "history revert", url, data))
        for name in model_admin.get_actions(_request(people["superuser"])):
            requests.append((label, f"action {name}", _url(model, "changelist"),
                             {"action": [name], "_selected_action": [str(obj.pk)], "index": ["0"],
                              "post": ["yes"]}))
    assert requests or role == "coordinator"
    if person is not None:
        client.force_login(person)
    before = snapshot()
    problems = []
    for label, what, url, data in requests:
        response = client.post(url, data)
        if what.startswith("action ") and what[7:] in READ_ONLY_ACTIONS and response.status_code == 200:
            continue
        if not _refused(role, response):
            problems.append(f"{role} {what} of {label} {url}: {response.status_code}")
    problems += _changes(before, snapshot())
    assert not problems, "\n".join(problems)


# --- Inlines: rows of another kraj smuggled into a change form the coordinator may send ------------------------


def _brno():
    return Obec.objects.get(pk=582786)


def _foreign_parents():
    """Parents in another kraj than the home one, whose inline rows the home coordinator must not reach."""
    other = Kraj.objects.exclude(pk=home_kraj().pk).get(pk=_brno().orp.kraj_id)
    coalition = CoalitionFactory(kraj=other)
    MembershipFactory(coalition=coalition)
    meeting = MeetingFactory(coalition=coalition)
    AgendaItemFactory(meeting=meeting)
    from guide.models import Situation

    # The guide's situations are not region-bound: another situation's rows stand in for another kraj's.
    return {"services.Service": make_service(obec=_brno()), "coalitions.Coalition": coalition,
            "coalitions.Meeting": meeting, "guide.Situation": Situation.objects.get(slug="dluhy"),
            **_foreign_planning(other), **_foreign_network(other)}


def _foreign_network(kraj):
    """A network line (with a change) and an audit (with a result and an action) of another kraj; the quality
    standards are a national codelist: another standard's criteria stand in for another kraj's rows."""
    import datetime as dt

    from network.models import CorrectiveAction, NetworkChange, QualityStandard, StandardResult
    from tests.network.factories import make_audit, make_membership

    service = make_service(obec=_brno(), name="Cizí domov")
    line = make_membership(service, kraj=kraj)
    NetworkChange.objects.create(membership=line, changed_on=dt.date(2026, 2, 2), kind="capacity", reason="Cizí")
    audit = make_audit(service)
    StandardResult.objects.create(audit=audit, standard=QualityStandard.objects.get(number=7), result="met")
    CorrectiveAction.objects.create(audit=audit, description="Cizí úkol", owner="cizí", deadline=dt.date(2026, 1, 1))
    return {"network.NetworkMembership": line, "network.Audit": audit,
            "network.QualityStandard": QualityStandard.objects.get(number=2)}


def _foreign_planning(kraj):
    """A measure (with an activity, funding and an indicator with a value) of a plan of another kraj."""
    import datetime as dt

    from planning.models import Activity, Funding, Indicator, IndicatorValue
    from tests.planning.factories import MeasureFactory, PlanFactory, PriorityFactory

    measure = MeasureFactory(priority=PriorityFactory(plan=PlanFactory(kraj=kraj)))
    Activity.objects.create(measure=measure, title="Cizí aktivita", year=2026)
    Funding.objects.create(measure=measure, year=2026, source="kraj", expected=100)
    indicator = Indicator.objects.create(measure=measure, name="Cizí indikátor")
    IndicatorValue.objects.create(indicator=indicator, measured_on=dt.date(2026, 6, 30), value=5)
    return {"planning.Measure": measure, "planning.Indicator": indicator}


def _fk_to(inline_model, parent_model):
    return next(f.name for f in inline_model._meta.concrete_fields
                if f.is_relation and f.related_model is parent_model)


def test_inline_rows_of_another_kraj_are_refused(client, coordinator):
    superuser = Client()
    superuser.force_login(UserFactory(is_staff=True, is_superuser=True))
    foreign = _foreign_parents()
    client.force_login(coordinator)
    built = {}
    checked = []
    for model, model_admin in admin.site._registry.items():
        if not model_admin.inlines:
            continue
        label = model._meta.label
        assert label in foreign, f"{label} has inlines: add a parent in another kraj to _foreign_parents()"
        home = build(model, built)
        data = change_form_data(superuser, _url(model, "change", home.pk))
        assert data is not None, label
        request = _request(UserFactory(is_superuser=True))
        for inline in model_admin.get_inline_instances(request):
            fk = _fk_to(inline.model, model)
            stranger = inline.model.objects.filter(**{fk: foreign[label]}).first()
            assert stranger is not None, f"{label}: the foreign parent needs a {inline.model._meta.label} row"
            prefix = inline.get_formset(request, home).get_default_prefix()
            forged = {key: list(value) for key, value in data.items()}
            total = int(forged[f"{prefix}-TOTAL_FORMS"][0])
            initial = int(forged[f"{prefix}-INITIAL_FORMS"][0])
            row = initial  # a row that claims to be an existing one: the stranger's id
            forged[f"{prefix}-TOTAL_FORMS"] = [str(max(total, row + 1))]
            forged[f"{prefix}-INITIAL_FORMS"] = [str(row + 1)]
            forged[f"{prefix}-{row}-id"] = [str(stranger.pk)]
            forged[f"{prefix}-{row}-{fk}"] = [str(home.pk)]
            stranger_before = inline.model.objects.filter(pk=stranger.pk).values().get()
            before = snapshot()
            response = client.post(_url(model, "change", home.pk), forged)
            assert response.status_code in (400, 403, 404), (label, inline.model._meta.label, response.status_code)
            assert inline.model.objects.filter(pk=stranger.pk).values().get() == stranger_before
            assert not _changes(before, snapshot()), (label, inline.model._meta.label)
            checked.append(inline.model._meta.label)
    assert {"services.RegisteredCapacity", "services.Facility", "services.ServiceForm", "coalitions.Membership",
            "coalitions.AgendaItem"} <= set(checked)


def test_the_matrix_sends_forms_that_a_superuser_could_save(client, people):  # noqa: F811
    """The refusals above mean something only if the forms sent are valid: sent by a superuser they save."""
    client.force_login(people["superuser"])
    built = {}
    saved, without_form = [], []
    for model in admin.site._registry:
        obj = build(model, built)
        url = _url(model, "change", obj.pk)
        data = change_form_data(client, url)
        if data is None:
            without_form.append(model._meta.label)
            continue
        response = client.post(url, data)
        assert response.status_code == 302, (model._meta.label, response.content.decode()[:3000])
        saved.append(model._meta.label)
    # Read-only in the admin for everyone: task results, error reports (resolved by an action), import runs,
    # the moderation log, messages sent through an offer, the guide's daily counts of opened situations.
    assert set(without_form) == {"django_tasks_database.DBTaskResult", "services.RecordCorrection",
                                 "guide.SituationOpened",
                                 "services.ImportRun", "discussions.ModerationAction", "offers.OfferMessage",
                                 # The families' casework and logs: their steps are taken on the site.
                                 "families.ServiceRequest", "families.Offer", "families.PartialContract",
                                 "families.DeliveryReport", "families.RequestAccess", "families.Notice",
                                 # Education's registrations and certificates: attendance is confirmed on the site.
                                 "education.TermRegistration", "education.Certificate"}
    assert len(saved) >= 30


def test_a_revert_needs_the_change_permission_on_every_history_admin(client, people, monkeypatch):  # noqa: F811
    """simple-history saves a posted "revert to this version" with view permission alone; the portal's admin
    asks for the change permission on the live record. Checked on every admin with history, for a person who may
    see the record but not change it (the superuser, with the change permission taken away)."""
    client.force_login(people["superuser"])
    built = {}
    checked = 0
    for model, model_admin in admin.site._registry.items():
        if not isinstance(model_admin, SimpleHistoryAdmin):
            continue
        obj = build(model, built)
        version = _newest_version(model_admin, obj)
        if version is None:
            continue
        url = _url(model, "simple_history", obj.pk, version.history_id)
        data = change_form_data(client, _url(model, "change", obj.pk)) or {}
        monkeypatch.setattr(model_admin, "has_change_permission", lambda request, obj=None: False)
        before = snapshot()
        response = client.post(url, data)
        monkeypatch.undo()
        assert response.status_code == 403, (model._meta.label, response.status_code)
        assert not _changes(before, snapshot()), model._meta.label
        checked += 1
    assert checked >= 8
