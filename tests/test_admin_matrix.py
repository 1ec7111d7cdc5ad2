"""The admin's authorisation matrix, generated from `admin.site._registry`, so a newly registered model cannot
be forgotten: for every registered model its changelist, add, change, delete and history pages (and the page of a
version with its revert, for models with history) and every admin
action, for each role → the expected status, and for the roles that must not touch the record, the record
unchanged afterwards.

One record per model is built in the home kraj (BUILDERS, or the generic builder for simple models); a model
the builders cannot make fails the test by name. Every model is either region-bound (its admin is a
core.admin.RegionScopedMixin: the coordinator of another kraj must not find it) or listed in
NOT_REGION_BOUND with the reason.
"""

import datetime as dt

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group
from django.db import models
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from accounts import roles
from core.admin import RegionScopedMixin
from services.models import (
    AgeGroup,
    ImportRun,
    NetworkTarget,
    RecordCorrection,
    SavedSearch,
    ServiceType,
    TargetGroup,
)
from territory.models import Obec, home_kraj
from tests.accounts.factories import UserFactory
from tests.coalitions.factories import (
    AgendaItemFactory,
    CoalitionFactory,
    DocumentFactory,
    EventFactory,
    MeetingFactory,
    MembershipFactory,
    MinutesFactory,
    PhotoFactory,
    TaskFactory,
)
from tests.discussions.factories import CategoryFactory, PostFactory, ThreadFactory
from tests.education import gates as education_gates
from tests.families import gates as families_gates
from tests.services.factories import make_provider_staff, make_service

pytestmark = pytest.mark.django_db

# Registered models that do not belong to a kraj, and why: their admins are not region-scoped.
NOT_REGION_BOUND = {
    "auth.Group": "roles, superusers only",
    "account.EmailAddress": "people's addresses, superusers only",
    "django_tasks_database.DBTaskResult": "background task results, superusers only",
    "territory.Kraj": "national codelist (autocomplete answers scoped)",
    "territory.Okres": "national codelist (autocomplete answers scoped)",
    "territory.Orp": "national codelist (autocomplete answers scoped)",
    "territory.Obec": "national codelist (autocomplete answers scoped)",
    "accounts.User": "people are not bound to a kraj; coordinators verify them",
    "services.SavedSearch": "a person's own searches, superusers only",
    "services.ServiceType": "national codelist, superusers only",
    "services.TargetGroup": "national codelist, superusers only",
    "services.AgeGroup": "national codelist, superusers only",
    # The forum is not bound to a kraj (discussions/admin.py).
    "discussions.Category": "the forum is the installation's, not a kraj's",
    "discussions.Thread": "the forum is the installation's, not a kraj's",
    "discussions.Post": "the forum is the installation's, not a kraj's",
    "discussions.Flag": "the forum is the installation's, not a kraj's",
    "discussions.ModerationAction": "the forum is the installation's, not a kraj's",
    "discussions.Suspension": "the forum is the installation's, not a kraj's",
    # The guide's texts are the installation's, edited by any regional coordinator (guide/admin.py).
    "guide.Situation": "the guide's texts are the installation's, not a kraj's",
    "guide.SituationGroup": "the guide's texts are the installation's, not a kraj's",
    "guide.CrisisContact": "national helplines, the installation's texts",
    "guide.SituationOpened": "anonymous daily counts of the installation's situations, read-only",
}
NOT_REGION_BOUND.update({
    "network.QualityStandard": "national codelist (Decree 505/2006), superusers edit",
    "network.QualityCriterion": "national codelist (Decree 505/2006), superusers edit",
    "network.ServiceTypeGroup": "national codelist, superusers edit",
})
NOT_REGION_BOUND.update(education_gates.NOT_REGION_BOUND)

STAFF_ROLES = {"coalition_coordinator", "coordinator", "other_region_coordinator", "planning_coordinator",
               "superuser"}
ROLES = ["anonymous", "user", "provider_staff", "moderator", "methodologist", "ospod_worker",
         *sorted(STAFF_ROLES)]


def _kladno():
    return Obec.objects.select_related("orp", "okres").get(pk=532053)


def _service(built):
    if "services.Service" not in built:
        built["services.Service"] = make_service(free_places=3)
    return built["services.Service"]


def _coalition(built):
    if "coalitions.Coalition" not in built:
        built["coalitions.Coalition"] = CoalitionFactory()
    return built["coalitions.Coalition"]


def _meeting(built):
    if "coalitions.Meeting" not in built:
        built["coalitions.Meeting"] = MeetingFactory(coalition=_coalition(built))
    return built["coalitions.Meeting"]


def _thread(built):
    if "discussions.Thread" not in built:
        built["discussions.Thread"] = ThreadFactory(category=CategoryFactory())
    return built["discussions.Thread"]


# label → builder(built) of one record in the home kraj. Models missing here go to the generic builder.
BUILDERS = {
    "auth.Group": lambda built: Group.objects.create(name="matrix"),
    "account.EmailAddress": lambda built: UserFactory().emailaddress_set.get(),
    "territory.Kraj": lambda built: home_kraj(),
    "territory.Okres": lambda built: _kladno().okres,
    "territory.Orp": lambda built: _kladno().orp,
    "territory.Obec": lambda built: _kladno(),
    "accounts.User": lambda built: UserFactory(),
    "services.Service": _service,
    "services.Provider": lambda built: _service(built).provider,
    "services.RegisteredCapacity": lambda built: _service(built).capacities.get(),
    "services.CapacityReport": lambda built: _service(built).capacity_reports.get(),
    "services.NetworkTarget": lambda built: NetworkTarget.objects.create(
        orp=_service(built).orp, service_type=_service(built).service_type, unit="luzka", target=40),
    "services.RecordCorrection": lambda built: RecordCorrection.objects.create(
        service=_service(built), message="Špatný telefon."),
    "services.ProviderStaff": lambda built: make_provider_staff(_service(built).provider).provider_links.get(),
    "services.SavedSearch": lambda built: SavedSearch.objects.create(user=UserFactory(), name="Kladno"),
    "services.ServiceType": lambda built: ServiceType.objects.order_by("pk").first(),
    "services.TargetGroup": lambda built: TargetGroup.objects.order_by("pk").first(),
    "services.AgeGroup": lambda built: AgeGroup.objects.order_by("pk").first(),
    "services.ImportRun": lambda built: _import_run(),
    "coalitions.Coalition": _coalition,
    "coalitions.Meeting": _meeting,
    "coalitions.Membership": lambda built: MembershipFactory(coalition=_coalition(built)),
    "coalitions.AgendaItem": lambda built: AgendaItemFactory(meeting=_meeting(built)),
    "coalitions.Minutes": lambda built: MinutesFactory(meeting=_meeting(built)),
    "coalitions.Task": lambda built: TaskFactory(coalition=_coalition(built)),
    "coalitions.Document": lambda built: DocumentFactory(coalition=_coalition(built)),
    "coalitions.Event": lambda built: EventFactory(),
    "coalitions.Photo": lambda built: PhotoFactory(meeting=_meeting(built)),
    "discussions.Category": lambda built: _thread(built).category,
    "discussions.Thread": _thread,
    "discussions.Post": lambda built: PostFactory(thread=_thread(built)),
    "offers.Offer": lambda built: _offer(),
    "guide.Situation": lambda built: _situation(),
    "guide.SituationGroup": lambda built: _situation().group,
    "guide.CrisisContact": lambda built: _situation().crisis_contacts.order_by("pk").first(),
    "guide.SituationOpened": lambda built: _situation_opened(),
}


def _network_builders():
    """One record of each network model in the home kraj (tests/network/factories.py)."""
    from network.models import (
        CorrectiveAction,
        DisclosureSettings,
        NetworkChange,
        OrpPopulation,
        QualityCriterion,
        QualityStandard,
        ServiceTypeGroup,
        StandardResult,
    )
    from tests.network import factories as network

    def membership(built):
        if "network.NetworkMembership" not in built:
            built["network.NetworkMembership"] = network.make_membership(_service(built), capacity=30)
        return built["network.NetworkMembership"]

    def audit(built):
        if "network.Audit" not in built:
            built["network.Audit"] = network.make_audit(_service(built))
        return built["network.Audit"]

    return {
        "network.NetworkMembership": membership,
        "network.NetworkChange": lambda built: NetworkChange.objects.create(
            membership=membership(built), changed_on=dt.date(2026, 3, 2), kind="capacity", capacity_before=30,
            capacity_after=28, reason="Snížení kapacity"),
        "network.MinimalNetworkNorm": lambda built: network.make_norm(number=13, rate=5),
        "network.OrpPopulation": lambda built: OrpPopulation.objects.create(
            orp=_service(built).orp, age_band="65+", population=32000, as_of=dt.date(2024, 1, 1)),
        "network.ServiceTypeGroup": lambda built: ServiceTypeGroup.objects.order_by("pk").first(),
        "network.AnnualFigures": lambda built: network.make_figures(_service(built)),
        "network.DisclosureSettings": lambda built: DisclosureSettings.objects.create(kraj=home_kraj()),
        "network.Audit": audit,
        "network.StandardResult": lambda built: StandardResult.objects.create(
            audit=audit(built), standard=QualityStandard.objects.get(number=5), result="partly"),
        "network.CorrectiveAction": lambda built: CorrectiveAction.objects.create(
            audit=audit(built), description="Doplnit individuální plány", owner="vedoucí služby",
            deadline=dt.date(2026, 1, 15)),
        "network.QualityStandard": lambda built: QualityStandard.objects.get(number=1),
        "network.QualityCriterion": lambda built: QualityCriterion.objects.get(code="1a"),
    }


BUILDERS.update(_network_builders())


def _planning_builders():
    """A community plan of Kladensko (the locality of the `planning_coordinator` fixture) and its locality; the
    rest of planning's records hang on it through the generic builder."""
    from planning.models import CoordinatorAssignment
    from tests.planning.factories import PlanFactory, kladensko

    return {
        "planning.PlanningLocality": lambda built: kladensko(),
        "planning.Plan": lambda built: PlanFactory(locality=kladensko()),
        "planning.CoordinatorAssignment": lambda built: CoordinatorAssignment.objects.create(
            user=UserFactory(verified=True), locality=kladensko()),
    }


BUILDERS.update(_planning_builders())
BUILDERS.update(education_gates.matrix_builders())
BUILDERS.update(families_gates.builders())


def _offer():
    from discussions.offers.models import Offer

    return Offer.objects.create(kind="offer", topic="premises", title="Volná zasedačka", text="Nabízíme prostory.",
                                kraj=home_kraj(), valid_until=dt.date(2027, 1, 1), author=UserFactory())


def _situation():
    from guide.models import Situation

    return Situation.objects.get(slug="rodic-uz-nezvlada-byt-sam-doma")  # a real text (migration guide/0002)


def _situation_opened():
    from guide.models import SituationOpened

    SituationOpened.count_one(_situation().pk)
    return SituationOpened.objects.get(situation=_situation())


def _import_run():
    run = ImportRun.objects.create(file_name="rpss.json", status=ImportRun.Status.DONE)
    run.kraje.set([home_kraj()])
    return run


def _generic_value(field, built):
    """A value for a required field, or None to leave the field to its default."""
    if field.primary_key or field.has_default() or field.null or getattr(field, "auto_now", False) \
            or getattr(field, "auto_now_add", False):
        return None
    if isinstance(field, models.ForeignKey):
        return build(field.related_model, built)
    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.JSONField):
        return {"args": [], "kwargs": {}}
    if isinstance(field, models.DateTimeField):
        return timezone.now()
    if isinstance(field, models.DateField):
        return dt.date(2026, 1, 1)
    if isinstance(field, (models.IntegerField, models.DecimalField, models.FloatField)):
        return 1
    if isinstance(field, models.FileField):
        return "matrix/file.pdf"
    if isinstance(field, models.EmailField):
        return "matrix@example.cz"
    if isinstance(field, (models.CharField, models.TextField)):
        return "Matice"
    return None


def build(model, built):
    """One record of `model` in the home kraj (memoised in `built`, so related records are shared)."""
    label = model._meta.label
    if label in built:
        return built[label]
    if label in BUILDERS:
        built[label] = BUILDERS[label](built)
    else:  # the generic builder: required fields filled in, foreign keys built recursively
        values = {field.name: value for field in model._meta.concrete_fields
                  if (value := _generic_value(field, built)) is not None}
        if label == "discussions.Flag" or label == "discussions.ModerationAction":
            post = build(model._meta.apps.get_model("discussions", "Post"), built)
            from django.contrib.contenttypes.models import ContentType
            values.update(content_type=ContentType.objects.get_for_model(post), object_id=post.pk)
        try:
            built[label] = model.objects.create(**values)
        except Exception as error:  # noqa: BLE001 - the message names the model to add to BUILDERS
            pytest.fail(f"The matrix cannot build {label} ({error!r}): add it to BUILDERS in {__file__}")
    return built[label]


@pytest.fixture
def people(db, coordinator, other_region_coordinator, user, moderator, planning_coordinator):
    coalition_coordinator = UserFactory(is_staff=True, verified=True, roles=[roles.COALITION_COORDINATOR])
    return {"anonymous": None, "user": user, "moderator": moderator, "provider_staff": make_provider_staff(),
            "coalition_coordinator": coalition_coordinator, "coordinator": coordinator,
            "other_region_coordinator": other_region_coordinator, "planning_coordinator": planning_coordinator,
            "superuser": UserFactory(is_staff=True, is_superuser=True),
            "methodologist": education_gates.methodologist(),
            "ospod_worker": families_gates.ospod_worker_role()}


def _request(person):
    request = RequestFactory().get("/")
    request.user = person
    return request


def _snapshot(obj):
    return obj.__class__._base_manager.filter(pk=obj.pk).values().first()


def _in_scope(model_admin, request, obj):
    return model_admin.get_queryset(request).filter(pk=obj.pk).exists()


def _newest_version(model_admin, obj):
    if not isinstance(model_admin, SimpleHistoryAdmin):
        return None
    return getattr(obj.__class__, obj._meta.simple_history_manager_attribute).filter(
        **{obj._meta.pk.attname: obj.pk}).order_by("-history_id").first()


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_registered_model_is_classified_and_buildable(db):
    built = {}
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label
        scoped = isinstance(model_admin, RegionScopedMixin)
        assert scoped != (label in NOT_REGION_BOUND), (
            f"{label}: region-scope its admin (core.admin.RegionScopedAdmin) or say in NOT_REGION_BOUND why not;"
            " a region-scoped model does not belong in NOT_REGION_BOUND")
        assert build(model, built).pk is not None


def _check(results, role, what, url, expected, status):
    if status not in expected:
        results.append(f"{role} {what} {url}: expected {sorted(expected)}, got {status}")


@pytest.mark.parametrize("role", ROLES)
def test_admin_matrix(client, people, role):
    """Every page and action of every registered model for one role (one test per role keeps it fast)."""
    person = people[role]
    if person is not None:
        client.force_login(person)
    built = {}
    objects = {model: build(model, built) for model in admin.site._registry}
    problems = []
    versions_checked = 0
    staff = role in STAFF_ROLES
    login = reverse("admin:login")
    for model, model_admin in admin.site._registry.items():
        obj = objects[model]
        label = model._meta.label
        scoped = isinstance(model_admin, RegionScopedMixin)
        request = _request(person) if staff else None
        in_scope = staff and _in_scope(model_admin, request, obj)
        if scoped and role == "other_region_coordinator":
            assert not in_scope, f"{label}: the coordinator of another kraj finds the home kraj's record"
        if scoped and role in {"coordinator", "superuser"}:
            assert in_scope, f"{label}: the coordinator of the home kraj does not find its record"
        target = obj if in_scope else None
        pages = {
            "changelist": (_url(model, "changelist"), lambda: model_admin.has_view_or_change_permission(request),
                           False),
            "add": (_url(model, "add"), lambda: model_admin.has_add_permission(request), False),
            "change": (_url(model, "change", obj.pk),
                       lambda: model_admin.has_view_or_change_permission(request, target), True),
            "delete": (_url(model, "delete", obj.pk), lambda: model_admin.has_delete_permission(request, target),
                       True),
            "history": (_url(model, "history", obj.pk),
                        lambda: model_admin.has_view_or_change_permission(request, target), True),
        }
        version = _newest_version(model_admin, obj)
        if version is not None:  # simple-history's page of one version, with "revert to it"
            versions_checked += 1
            pages["version"] = (_url(model, "simple_history", obj.pk, version.history_id),
                                lambda: model_admin.has_view_or_change_permission(request, target), True)
        for what, (url, allowed, needs_object) in pages.items():
            response = client.get(url)
            if not staff:
                if person is None:  # anonymous: to the login
                    ok = response.status_code == 302 and response.url.startswith(login)
                else:  # signed in without staff status: refused, not asked to log in again
                    ok = response.status_code == 403
                if not ok:
                    problems.append(f"{role} {what} {url}: expected {'the login' if person is None else 403}, got "
                                    f"{response.status_code}")
                continue
            if needs_object and not in_scope:
                # Out of scope is "not found" (core.admin.PortalModelAdminMixin); without any permission for
                # the model the change and delete pages refuse first. History pages look the object up first.
                if what in {"history", "version"}:
                    expected = {404}
                else:
                    expected = {404} if allowed() else {403}
                _check(problems, role, what, url, expected, response.status_code)
                continue
            _check(problems, role, what, url, {200} if allowed() else {403}, response.status_code)

    assert versions_checked >= 5  # providers, services, capacities, reports, targets (and the coalitions')

    # Actions last (they change records), the deletions after every other action.
    superuser_request = _request(people["superuser"])
    runs = [(model, name) for model, model_admin in admin.site._registry.items()
            for name in model_admin.get_actions(superuser_request) if name != "delete_selected"]
    runs += [(model, "delete_selected") for model, model_admin in admin.site._registry.items()
             if "delete_selected" in model_admin.get_actions(superuser_request)]
    for model, name in runs:
        model_admin = admin.site._registry[model]
        obj = objects[model]
        before = _snapshot(obj)
        if before is None:
            continue  # deleted with another record by an earlier action
        request = _request(person) if staff else None
        in_scope = staff and _in_scope(model_admin, request, obj)
        may_view = staff and model_admin.has_view_or_change_permission(request)
        may_run = staff and in_scope and name in model_admin.get_actions(request)
        url = _url(model, "changelist")
        response = client.post(url, {"action": name, "_selected_action": [obj.pk], "index": 0, "post": "yes"})
        what = f"action {name}"
        if person is None:
            _check(problems, role, what, url, {302}, response.status_code)
            assert response.url.startswith(login)
        elif not staff or not may_view:
            _check(problems, role, what, url, {403}, response.status_code)
        elif may_run:
            # 403: delete_selected refuses when related records need permissions the person lacks
            _check(problems, role, what, url, {200, 302, 403} if name == "delete_selected" else {200, 302},
                   response.status_code)
        else:
            # An action the person does not have is refused (403), a row they cannot see is not found (404);
            # either way the record stays as it was (asserted below).
            _check(problems, role, what, url, {403, 404}, response.status_code)
        if not may_run:
            assert _snapshot(obj) == before, f"{role} {what} on {model._meta.label} changed the record"
    assert not problems, "\n".join(problems)


def test_roles_hold_exactly_their_permissions(db):
    """Every permission named in the roles table exists (a typo would silently grant nothing) and the groups
    hold exactly those; moderators and provider staff have no admin permission at all."""
    from django.contrib.auth.models import Permission

    roles.ensure_groups()
    for name, perms in roles.role_permissions().items():
        for perm in perms:
            app_label, codename = perm.split(".")
            assert Permission.objects.filter(content_type__app_label=app_label, codename=codename).exists(), perm
        held = {f"{p.content_type.app_label}.{p.codename}"
                for p in Group.objects.get(name=name).permissions.select_related("content_type")}
        assert held == set(perms), name
    assert roles.role_permissions()[roles.MODERATOR] == [] and roles.role_permissions()[roles.PROVIDER_STAFF] == []
    coordinator = set(roles.role_permissions()[roles.REGIONAL_COORDINATOR])
    for model in ("provider", "service", "capacityreport", "registeredcapacity", "networktarget", "providerstaff"):
        assert {f"services.view_{model}", f"services.change_{model}"} <= coordinator
    assert "services.delete_service" not in coordinator  # services end; the registry import removes them
