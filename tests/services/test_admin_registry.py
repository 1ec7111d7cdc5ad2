"""The registry in the admin for a regional coordinator: region scoping of rows, choices, autocomplete, filters
and history; editing comfort (diacritics-insensitive search, bulk actions); fixed query counts of changelists."""

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from services.models import CapacityReport, Provider, RegisteredCapacity, Service
from territory.models import Kraj, Obec, home_kraj
from tests.coalitions.factories import english
from tests.services.factories import ProviderFactory, ServiceFactory, make_service

pytestmark = pytest.mark.django_db

BRNO = 582786  # an obec of Jihomoravský kraj


def _brno():
    return Obec.objects.select_related("orp__kraj").get(pk=BRNO)


@pytest.fixture
def home_service(db):
    return make_service(name="Domov Žďárek pro seniory", free_places=2)


@pytest.fixture
def foreign_service(db):
    brno = _brno()
    provider = ProviderFactory(obec=brno, name="Brněnská charita")
    return make_service(name="Domov Brno", obec=brno, provider=provider, free_places=1)


def _service_form_data(service, **changes):
    """The service change form as the admin renders it, with the inlines' management forms."""
    data = {"registry_id": service.registry_id, "provider": service.provider_id,
            "service_type": service.service_type_id, "name": service.name, "target_groups_note": "",
            "age_groups_note": "", "description": service.description, "how_to_get": service.how_to_get,
            "valid_from": service.valid_from.isoformat() if service.valid_from else "", "valid_to": "",
            "web": "", "email": "", "phone": "", "orp": service.orp_id or ""}
    capacities = list(service.capacities.all())
    forms = list(service.forms.all())
    facilities = list(service.facilities.all())
    for prefix, rows in (("forms", forms), ("capacities", capacities), ("facilities", facilities)):
        data.update({f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": len(rows),
                     f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000})
    for index, row in enumerate(forms):
        data.update({f"forms-{index}-id": row.pk, f"forms-{index}-service": service.pk,
                     f"forms-{index}-form": row.form, f"forms-{index}-nonstop": "on" if row.nonstop else "",
                     f"forms-{index}-hours": json.dumps(row.hours)})
    for index, row in enumerate(capacities):
        data.update({f"capacities-{index}-id": row.pk, f"capacities-{index}-service": service.pk,
                     f"capacities-{index}-form": row.form, f"capacities-{index}-unit": row.unit,
                     f"capacities-{index}-maximum": row.maximum, f"capacities-{index}-description": ""})
    for index, row in enumerate(facilities):
        data.update({f"facilities-{index}-id": row.pk, f"facilities-{index}-service": service.pk,
                     f"facilities-{index}-name": row.name, f"facilities-{index}-address": row.address,
                     f"facilities-{index}-postcode": row.postcode, f"facilities-{index}-obec": row.obec_id,
                     f"facilities-{index}-forms": row.forms, f"facilities-{index}-latitude": "",
                     f"facilities-{index}-longitude": "", f"facilities-{index}-valid_from": "",
                     f"facilities-{index}-valid_to": ""})
    data.update(changes)
    return data


# --- Scoping ----------------------------------------------------------------------------------------


def test_service_in_kraje_covers_facilities_served_areas_and_orp(home_service, foreign_service):
    home = Kraj.objects.filter(pk=home_kraj().pk)
    assert set(Service.objects.in_kraje(home)) == {home_service}
    foreign_service.served_kraje.add(home_kraj())  # a Brno service serving the whole home kraj belongs to it too
    assert set(Service.objects.in_kraje(home)) == {home_service, foreign_service}
    assert set(Provider.objects.in_kraje(home)) == {home_service.provider, foreign_service.provider}


def test_coordinator_lists_and_opens_only_services_of_their_kraj(client, coordinator, home_service,
                                                                 foreign_service):
    client.force_login(coordinator)
    page = client.get(reverse("admin:services_service_changelist")).content.decode()
    assert home_service.name in page and foreign_service.name not in page
    assert client.get(reverse("admin:services_service_change", args=[home_service.pk])).status_code == 200
    response = client.get(reverse("admin:services_service_change", args=[foreign_service.pk]))
    assert response.status_code == 404
    for view in ("history", "delete"):
        assert client.get(reverse(f"admin:services_service_{view}", args=[foreign_service.pk])).status_code in {
            403, 404}


def test_a_foreign_provider_id_is_refused_and_nothing_saved(client, coordinator, home_service, foreign_service):
    client.force_login(coordinator)
    url = reverse("admin:services_service_change", args=[home_service.pk])
    response = client.post(url, _service_form_data(home_service, provider=foreign_service.provider_id))
    assert response.status_code == 400  # the form again, with an error
    assert "provider" in response.context["adminform"].form.errors
    home_service.refresh_from_db()
    assert home_service.provider_id != foreign_service.provider_id


def test_a_capacity_report_for_another_kraj_is_refused(client, coordinator, foreign_service):
    client.force_login(coordinator)
    before = CapacityReport.objects.count()
    response = client.post(reverse("admin:services_capacityreport_add"), {
        "service": foreign_service.pk, "form": "pob", "unit": "luzka", "free_places": 3, "waiting_list": 0,
        "as_of": "2026-11-01", "created_at_0": "2026-11-01", "created_at_1": "10:00"})
    assert response.status_code == 400 and "service" in response.context["adminform"].form.errors
    assert CapacityReport.objects.count() == before


def test_autocomplete_answers_with_the_coordinators_region_only(client, coordinator, home_service,
                                                                foreign_service):
    client.force_login(coordinator)
    url = reverse("admin:autocomplete")
    services = client.get(url, {"term": "domov", "app_label": "services", "model_name": "capacityreport",
                                "field_name": "service"}).json()
    assert [row["text"] for row in services["results"]] == [home_service.name]
    obce = client.get(url, {"term": "brno", "app_label": "services", "model_name": "facility",
                            "field_name": "obec"}).json()
    assert obce["results"] == []
    kladno = client.get(url, {"term": "kladno", "app_label": "services", "model_name": "facility",
                              "field_name": "obec"}).json()
    assert [row["text"] for row in kladno["results"]][:1] == ["Kladno"]


def test_kraj_filter_offers_only_the_coordinators_kraj(client, coordinator, home_service, foreign_service):
    client.force_login(coordinator)
    page = client.get(english(reverse("admin:services_service_changelist"))).content.decode()
    # Related filters offer the values of the coordinator's own rows (one kraj: no kraj filter at all).
    assert _brno().orp.kraj.name not in page and _brno().orp.name not in page
    other = home_service.orp.__class__.objects.filter(kraj=home_kraj()).exclude(pk=home_service.orp_id).first()
    make_service(name="Domov Jinde", obec=Obec.objects.filter(orp=other).first())
    page = client.get(english(reverse("admin:services_service_changelist"))).content.decode()
    assert f"?orp__code__exact={other.pk}" in page and f"?orp__code__exact={_brno().orp_id}" not in page


def test_actions_reach_only_the_coordinators_rows(client, coordinator, home_service, foreign_service):
    client.force_login(coordinator)
    # Another kraj's service among the selected: the action is refused whole (not found), nothing ends.
    response = client.post(reverse("admin:services_service_changelist"), {
        "action": "mark_ended", "_selected_action": [home_service.pk, foreign_service.pk], "index": 0})
    assert response.status_code == 404
    home_service.refresh_from_db()
    assert not home_service.is_ended
    client.post(reverse("admin:services_service_changelist"), {
        "action": "mark_ended", "_selected_action": [home_service.pk], "index": 0})
    home_service.refresh_from_db()
    foreign_service.refresh_from_db()
    assert home_service.is_ended and "valid_to" in home_service.locally_edited
    assert foreign_service.valid_to is None


# --- History ----------------------------------------------------------------------------------------


def test_an_inline_capacity_edit_is_in_the_history_with_who_and_what(client, coordinator, home_service):
    client.force_login(coordinator)
    capacity = home_service.capacities.get()
    url = reverse("admin:services_service_change", args=[home_service.pk])
    response = client.post(url, _service_form_data(home_service, **{"capacities-0-maximum": 35,
                                                                     "name": "Domov Žďárek – nový"}))
    assert response.status_code == 302, response.context["adminform"].form.errors
    capacity.refresh_from_db()
    assert capacity.maximum == 35
    newest = capacity.history.first()
    assert newest.history_user == coordinator and newest.diff_against(newest.prev_record).changed_fields == [
        "maximum"]
    page = client.get(english(reverse("admin:services_service_history", args=[home_service.pk])))
    assert page.status_code == 200 and "Domov Žďárek – nový" in page.content.decode()
    found = client.get(reverse("admin:services_service_changelist"), {"q": "zdarek novy"}).content.decode()
    assert "Domov Žďárek – nový" in found  # the search text follows the rename at once


def test_revert_to_a_version_works_for_the_coordinator(client, coordinator, home_service):
    client.force_login(coordinator)
    original = home_service.name
    home_service.name = "Přejmenováno"
    home_service.save()
    version = home_service.history.filter(name=original).first() or home_service.history.last()
    home_service.history.filter(pk=version.pk).update(name=original)
    url = reverse("admin:services_service_simple_history", args=[home_service.pk, version.history_id])
    assert client.get(url).status_code == 200
    response = client.post(url, _service_form_data(home_service, name=original))
    assert response.status_code == 302
    home_service.refresh_from_db()
    assert home_service.name == original


def test_history_of_another_kraj_is_not_found(client, other_region_coordinator, home_service):
    client.force_login(other_region_coordinator)
    home_service.name = "Jinak"
    home_service.save()
    version = home_service.history.first()
    assert client.get(reverse("admin:services_service_history", args=[home_service.pk])).status_code == 404
    revert = reverse("admin:services_service_simple_history", args=[home_service.pk, version.history_id])
    assert client.get(revert).status_code == 404
    assert client.post(revert, _service_form_data(home_service, name="Cizí")).status_code == 404
    home_service.refresh_from_db()
    assert home_service.name == "Jinak"


# --- Comfort ----------------------------------------------------------------------------------------


def test_search_ignores_diacritics(client, coordinator, home_service):
    client.force_login(coordinator)
    page = client.get(reverse("admin:services_service_changelist"), {"q": "zdarek"}).content.decode()
    assert home_service.name in page
    providers = client.get(reverse("admin:services_provider_changelist"), {"q": "charita vzorova"})
    assert home_service.provider.name in providers.content.decode()
    reports = client.get(reverse("admin:services_capacityreport_changelist"), {"q": "ZDAREK"})
    assert reports.status_code == 200 and home_service.name in reports.content.decode()


def test_the_change_form_shows_free_places_age_and_network_coverage(client, coordinator, home_service):
    from services.models import NetworkTarget

    NetworkTarget.objects.create(orp=home_service.orp, service_type=home_service.service_type, unit="luzka",
                                 target=40)
    client.force_login(coordinator)
    page = client.get(english(reverse("admin:services_service_change", args=[home_service.pk]))).content.decode()
    assert "0 days" in page and "20 of 40 (50 %)" in page


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_changelists_run_a_fixed_number_of_queries(client, coordinator, django_assert_num_queries):
    client.force_login(coordinator)
    kladno = Obec.objects.get(pk=532053)
    urls = [reverse(f"admin:services_{name}_changelist") for name in ("service", "provider", "capacityreport")]

    def grow(count):
        for _ in range(count):
            service = ServiceFactory(orp=kladno.orp)
            RegisteredCapacity.objects.create(service=service, form="pob", unit="luzka", maximum=10)
            CapacityReport.objects.create(service=service, form="pob", unit="luzka", free_places=1,
                                          as_of=timezone.localdate() - dt.timedelta(days=2), reported_by=coordinator)

    grow(3)
    for url in urls:
        client.get(url)  # warm the per-process caches (content types)
    few = [_count_queries(client, url) for url in urls]
    assert few == [14, 12, 14]  # service, provider, capacity report changelists
    grow(97)
    assert Service.objects.count() == 100
    for url, expected in zip(urls, few, strict=True):
        with django_assert_num_queries(expected):
            client.get(url)


def test_a_new_service_of_a_coordinator_must_name_its_orp(client, coordinator, home_service):
    client.force_login(coordinator)
    form = client.get(reverse("admin:services_service_add")).context["adminform"].form
    assert form.fields["orp"].required
    assert set(form.fields["served_kraje"].queryset) == {home_kraj()}  # check boxes of their kraj only


def test_people_and_offers_are_found_without_diacritics(client, coordinator):
    from tests.accounts.factories import UserFactory

    person = UserFactory(display_name="Božena Nováková", organisation="Charita Příbram")
    client.force_login(coordinator)
    page = client.get(reverse("admin:accounts_user_changelist"), {"q": "novakova pribram"}).content.decode()
    assert person.email in page
    page = client.get(reverse("admin:accounts_user_changelist"), {"q": "nikdo takovy"}).content.decode()
    assert person.email not in page


def test_error_reports_queue_links_the_record_and_resolving_records_who(client, coordinator, home_service,
                                                                          foreign_service):
    from services.models import RecordCorrection

    mine = RecordCorrection.objects.create(service=home_service, message="Špatné telefonní číslo.")
    theirs = RecordCorrection.objects.create(service=foreign_service, message="Jiný kraj.")
    client.force_login(coordinator)
    url = reverse("admin:services_recordcorrection_changelist")
    page = client.get(url, {"q": "telefonni"}).content.decode()
    assert reverse("admin:services_service_change", args=[home_service.pk]) in page
    assert client.post(url, {"action": "mark_resolved", "_selected_action": [mine.pk, theirs.pk],
                             "index": 0}).status_code == 404  # another kraj's report among the selected
    mine.refresh_from_db()
    assert mine.resolved_at is None
    client.post(url, {"action": "mark_resolved", "_selected_action": [mine.pk], "index": 0})
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.resolved_by == coordinator and mine.resolved_at is not None
    assert theirs.resolved_at is None
