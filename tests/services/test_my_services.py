"""Provider staff: "My services", the free-places form, who may use it, and the coordinators' verification
(services/views/my_services.py, services/permissions.py, services/admin.py)."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts import roles
from services.models import CapacityReport, ProviderStaff, RegisteredCapacity
from tests.accounts.factories import PASSWORD, UserFactory
from tests.i18n import english, localized
from tests.services.factories import ProviderFactory, make_provider_staff, make_service

pytestmark = pytest.mark.django_db

MY_SERVICES_QUERIES = 5  # session, user, providers, their services, the services' capacities


@pytest.fixture
def service():
    return make_service(name="Domov Slunce", forms=("pob", "amb"), capacity=20)


@pytest.fixture
def staff(service):
    return make_provider_staff(service.provider)


def report_url(service, language="en"):
    return localized(f"/cs/moje-sluzby/{service.pk}/volna-mista/", language)


def figures(service, values):
    """POST data of the form: {(form, unit): (free, waiting)}."""
    data = {}
    for line in RegisteredCapacity.objects.filter(service=service):
        free, waiting = values[line.form]
        data[f"line-{line.pk}-free_places"] = free
        data[f"line-{line.pk}-waiting_list"] = waiting
    return data


# --- My services ------------------------------------------------------------------------------------


def test_my_services_lists_the_providers_services(client, staff, service, django_assert_num_queries):
    other = make_service(name="Cizí služba")
    make_service(name="Také naše", provider=service.provider)
    ended = make_service(name="Skončená", provider=service.provider,
                         valid_to=timezone.localdate() - dt.timedelta(days=1))
    client.force_login(staff)
    client.get("/en/my-services/")  # the session flag is written once
    with django_assert_num_queries(MY_SERVICES_QUERIES):
        response = client.get("/en/my-services/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Domov Slunce" in html and "Také naše" in html
    assert other.name not in html and ended.name not in html
    assert f'href="/en/my-services/{service.pk}/free-places/"' in html


def test_my_services_queries_do_not_grow(client, staff, service, django_assert_num_queries):
    for index in range(15):
        make_service(name=f"Služba {index}", provider=service.provider, forms=("pob", "amb", "ter"))
    client.force_login(staff)
    client.get("/en/my-services/")
    with django_assert_num_queries(MY_SERVICES_QUERIES):
        client.get("/en/my-services/")


def test_people_without_a_provider_are_told_how_to_get_one(client, user):
    client.force_login(user)
    response = client.get("/en/my-services/")
    assert response.status_code == 200
    assert "You are not linked to any provider yet." in response.content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client, service):
    for address in ("/en/my-services/", report_url(service)):
        response = client.get(address)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_the_menu_links_my_services_for_provider_staff_only(client, staff, user):
    assert client.post("/en/account/login/", {"login": staff.email, "password": PASSWORD}).status_code == 302
    assert 'href="/en/my-services/"' in client.get("/en/").content.decode()
    client.logout()
    client.post("/en/account/login/", {"login": user.email, "password": PASSWORD})
    assert 'href="/en/my-services/"' not in client.get("/en/").content.decode()


# --- Reporting --------------------------------------------------------------------------------------


def test_staff_report_every_line_in_one_submit(client, staff, service):
    client.force_login(staff)
    response = client.get(report_url(service))
    assert response.status_code == 200
    assert "Report free places" in response.content.decode()
    response = client.post(report_url(service), figures(service, {"pob": (3, 5), "amb": (0, 1)}))
    assert response.status_code == 302 and response["Location"] == "/en/my-services/"
    reports = {r.form: r for r in CapacityReport.objects.filter(service=service)}
    assert (reports["pob"].free_places, reports["pob"].waiting_list) == (3, 5)
    assert (reports["amb"].free_places, reports["amb"].waiting_list) == (0, 1)
    assert all(r.reported_by == staff and r.as_of == timezone.localdate() for r in reports.values())
    service.refresh_from_db()
    assert (service.current_free_places, service.current_waiting_list) == (3, 6)
    assert service.current_report_at == timezone.localdate()
    detail = client.get(english(service.get_absolute_url())).content.decode()
    assert "Reported by the provider on" in detail


def test_a_double_submit_stores_one_report_per_line_and_day(client, staff, service):
    client.force_login(staff)
    data = figures(service, {"pob": (3, 5), "amb": (0, 1)})
    client.post(report_url(service), data)
    response = client.post(report_url(service), data, follow=True)
    assert "unchanged" in response.content.decode()
    assert CapacityReport.objects.filter(service=service).count() == 2
    client.post(report_url(service), figures(service, {"pob": (2, 5), "amb": (0, 1)}))  # a correction
    assert CapacityReport.objects.filter(service=service).count() == 2
    assert CapacityReport.objects.get(service=service, form="pob").free_places == 2
    service.refresh_from_db()
    assert service.current_free_places == 2


@pytest.mark.parametrize(("free", "waiting", "message"), [
    (-1, 0, "greater than or equal to 0"),
    (0, -3, "greater than or equal to 0"),
    (21, 0, "more free places than the registered maximum (20)"),
    ("many", 0, "Enter a whole number"),
    ("", 0, "This field is required"),
])
def test_bad_figures_are_refused_with_a_message(client, staff, service, free, waiting, message):
    client.force_login(staff)
    response = client.post(report_url(service), figures(service, {"pob": (free, waiting), "amb": (1, 1)}))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not CapacityReport.objects.exists()


def test_a_tampered_form_cannot_report_other_lines(client, staff, service):
    other = make_service()
    foreign_line = RegisteredCapacity.objects.get(service=other)
    data = figures(service, {"pob": (1, 0), "amb": (1, 0)}) | {f"line-{foreign_line.pk}-free_places": 9,
                                                              f"line-{foreign_line.pk}-waiting_list": 9}
    client.force_login(staff)
    client.post(report_url(service), data)
    assert not CapacityReport.objects.filter(service=other).exists()


@pytest.mark.parametrize(("role", "allowed"), [
    ("user", False), ("verified_user", False), ("moderator", False), ("other_staff", False),
    ("other_region_coordinator", False), ("coordinator", True), ("staff", True),
])
def test_who_may_report(client, request, service, role, allowed):
    if role == "other_staff":
        person = make_provider_staff(ProviderFactory())
    else:
        person = request.getfixturevalue(role)
    client.force_login(person)
    assert client.get(report_url(service)).status_code == (200 if allowed else 403)
    response = client.post(report_url(service), figures(service, {"pob": (1, 0), "amb": (1, 0)}))
    assert response.status_code == (302 if allowed else 403)
    assert CapacityReport.objects.exists() is allowed


def test_unknown_service_is_404(client, staff):
    client.force_login(staff)
    assert client.get("/en/my-services/999999/free-places/").status_code == 404


# --- Linking staff in the admin ----------------------------------------------------------------------


def test_a_coordinator_links_a_person_to_a_provider_of_the_region(client, coordinator, service):
    person = UserFactory()
    client.force_login(coordinator)
    response = client.post("/cs/admin/services/providerstaff/add/", {"provider": service.provider.pk,
                                                                     "user": person.pk})
    assert response.status_code == 302, response.content.decode()[:3000]
    link = ProviderStaff.objects.get()
    assert (link.provider, link.user, link.added_by) == (service.provider, person, coordinator)
    assert person.has_role(roles.PROVIDER_STAFF)
    client.post(f"/cs/admin/services/providerstaff/{link.pk}/delete/", {"post": "yes"})
    assert not ProviderStaff.objects.exists()
    person = type(person).objects.get(pk=person.pk)
    assert not person.has_role(roles.PROVIDER_STAFF)


def test_another_regions_coordinator_cannot_link_to_this_provider(client, other_region_coordinator, service):
    client.force_login(other_region_coordinator)
    response = client.post("/cs/admin/services/providerstaff/add/", {"provider": service.provider.pk,
                                                                     "user": UserFactory().pk})
    assert response.status_code == 400  # the form again, with an error
    assert not ProviderStaff.objects.exists()


def test_coordinators_see_only_links_of_their_region(client, coordinator, other_region_coordinator, staff):
    client.force_login(other_region_coordinator)
    assert staff.public_name not in client.get("/cs/admin/services/providerstaff/").content.decode()
    client.force_login(coordinator)
    assert staff.public_name in client.get("/cs/admin/services/providerstaff/").content.decode()


# --- Verification -----------------------------------------------------------------------------------


@pytest.fixture
def reports(service, staff):
    return [CapacityReport.record(service=service, form=form, unit="luzka", free_places=2, by=staff)
            for form in ("pob", "amb")]


def test_a_coordinator_verifies_reports_in_bulk(client, coordinator, reports, service):
    client.force_login(coordinator)
    response = client.post("/cs/admin/services/capacityreport/", {
        "action": "verify_selected", "_selected_action": [r.pk for r in reports]})
    assert response.status_code == 302
    for report in reports:
        report.refresh_from_db()
        assert report.verified_by == coordinator and report.verified_at is not None
    detail = client.get(english(service.get_absolute_url())).content.decode()
    assert "Verified by the region on" in detail and "Reported by the provider on" in detail


def test_a_coordinator_verifies_one_report_with_one_click(client, coordinator, reports):
    client.force_login(coordinator)
    changelist = client.get("/cs/admin/services/capacityreport/").content.decode()
    address = f"/cs/admin/services/capacityreport/{reports[0].pk}/verify/"
    assert f'formaction="{address}"' in changelist
    assert client.get(address).status_code == 405
    assert client.post(address).status_code == 302
    reports[0].refresh_from_db()
    reports[1].refresh_from_db()
    assert reports[0].verified_by == coordinator and reports[1].verified_at is None


def test_another_regions_coordinator_cannot_verify(client, other_region_coordinator, reports):
    client.force_login(other_region_coordinator)
    assert client.post(f"/cs/admin/services/capacityreport/{reports[0].pk}/verify/").status_code == 404
    client.post("/cs/admin/services/capacityreport/", {
        "action": "verify_selected", "_selected_action": [r.pk for r in reports]})
    assert not CapacityReport.objects.filter(verified_at__isnull=False).exists()


def test_the_detail_page_without_verification(client, reports, service):
    html = client.get(english(service.get_absolute_url())).content.decode()
    assert "Reported by the provider on" in html and "Verified by the region" not in html


def test_the_report_form_runs_a_fixed_number_of_queries(client, staff, django_assert_num_queries):
    """session, user, service, permission, capacity lines: however many lines the service has."""
    many = make_service(provider=staff.provider_links.get().provider, forms=("pob", "amb", "ter"))
    client.force_login(staff)
    client.get(report_url(many))
    with django_assert_num_queries(5):
        assert client.get(report_url(many)).status_code == 200
