"""A provider's education page for its education managers and main contacts: workers linked by invitation, their
hours and who is short, the education plan, the education-manager permission, supervision sessions; nobody sees
another organisation's people."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from education.models import PlannedEducation, ProviderWorker, SupervisionSession
from tests.accounts.factories import UserFactory
from tests.education.factories import (
    attended_certificate,
    make_programme,
    make_supervisor,
    make_worker,
    role,
)

pytestmark = pytest.mark.django_db


def en(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def test_managers_and_main_contacts_see_their_workers_hours_and_who_is_short(client, world):
    attended_certificate(world.worker, programme=make_programme(hours=30))
    short = make_worker(world.provider).person
    for person in (world.manager, world.main_contact):
        client.force_login(person)
        response = client.get(en("education:organisation", world.provider.pk))
        assert response.status_code == 200
        text = response.content.decode()
        assert world.worker.public_name in text and short.public_name in text
        assert "1 of 2 workers bound by the 24 hours is short." in text


@pytest.mark.parametrize("who", ["worker", "other_staff", "methodologist", "stranger", "coordinator"])
def test_nobody_else_sees_the_organisation_s_people(client, world, coordinator, who):
    person = {"stranger": UserFactory(), "coordinator": coordinator}.get(who) or getattr(world, who)
    client.force_login(person)
    response = client.get(en("education:organisation", world.provider.pk))
    assert response.status_code == 403 and "Workers and their hours" not in response.content.decode()


def test_the_organisation_page_runs_a_fixed_number_of_queries(client, world, django_assert_num_queries):
    client.force_login(world.manager)
    url = en("education:organisation", world.provider.pk)
    client.get(url)
    with django_assert_num_queries(10):
        client.get(url)
    for _n in range(5):
        worker = make_worker(world.provider)
        PlannedEducation.objects.create(worker=worker, year=timezone.localdate().year, programme=world.programme,
                                        hours=8)
    with django_assert_num_queries(10):
        client.get(url)


def test_a_worker_is_invited_accepts_and_appears(client, world, django_capture_on_commit_callbacks, mailoutbox):
    newcomer = UserFactory(email="nova@example.cz")
    client.force_login(world.manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(en("education:worker-invite", world.provider.pk),
                               {"email": "NOVA@example.cz", "role": role().pk})
    link = ProviderWorker.objects.get(person=newcomer)
    assert response.status_code == 302 and link.is_pending and mailoutbox[0].to == ["nova@example.cz"]
    page = client.get(en("education:organisation", world.provider.pk)).content.decode()
    assert "Invitations waiting for an answer" in page
    client.force_login(newcomer)
    assert world.provider.name in client.get(en("education:my-record")).content.decode()
    client.post(en("education:invitation", link.pk), {"answer": "accept"})
    link.refresh_from_db()
    assert link.is_current


def test_an_invitation_needs_a_portal_account_and_is_not_sent_twice(client, world):
    client.force_login(world.manager)
    response = client.post(en("education:worker-invite", world.provider.pk), {"email": "nikdo@example.cz",
                                                                              "role": role().pk})
    assert response.status_code == 400 and "No portal account uses this address" in response.content.decode()
    response = client.post(en("education:worker-invite", world.provider.pk), {"email": world.worker.email,
                                                                              "role": role().pk})
    assert response.status_code == 400 and "linked or invited already" in response.content.decode()


def test_only_the_main_contact_gives_the_education_manager_permission(client, world):
    link = ProviderWorker.objects.get(person=world.worker)
    url = en("education:worker", world.provider.pk, link.pk)
    client.force_login(world.manager)  # an education manager may edit the role, not give the permission
    assert "is_education_manager" not in client.get(url).content.decode()
    client.post(url, {"role": link.role_id, "is_education_manager": "on"})
    link.refresh_from_db()
    assert not link.is_education_manager
    client.force_login(world.main_contact)
    client.post(url, {"role": link.role_id, "is_education_manager": "on"})
    link.refresh_from_db()
    assert link.is_education_manager
    client.force_login(world.worker)
    assert client.get(en("education:organisation", world.provider.pk)).status_code == 200


def test_ending_a_link_hides_the_person(client, world):
    link = ProviderWorker.objects.get(person=world.worker)
    client.force_login(world.main_contact)
    client.post(en("education:worker", world.provider.pk, link.pk), {"role": link.role_id, "end": "on"})
    link.refresh_from_db()
    assert link.ended_on == timezone.localdate()
    page = client.get(en("education:organisation", world.provider.pk)).content.decode()
    assert f'<th scope="row">{world.worker.public_name}' not in page


def test_the_education_plan(client, world):
    link = ProviderWorker.objects.get(person=world.worker)
    client.force_login(world.manager)
    year = timezone.localdate().year
    response = client.post(en("education:plan-add", world.provider.pk), {
        "worker": link.pk, "year": year, "programme": world.programme.pk, "hours": "8"})
    assert response.status_code == 302
    item = PlannedEducation.objects.get()
    assert item.worker == link and item.created_by == world.manager
    assert world.programme.title in client.get(en("education:organisation", world.provider.pk)).content.decode()
    # Another provider's worker cannot be planned here.
    foreign = make_worker(world.other_provider)
    response = client.post(en("education:plan-add", world.provider.pk), {
        "worker": foreign.pk, "year": year, "title": "Kurz", "hours": "8"})
    assert response.status_code == 400 and PlannedEducation.objects.count() == 1
    client.post(en("education:plan-delete", world.provider.pk, item.pk))
    assert not PlannedEducation.objects.exists()


def test_supervision_sessions_are_recorded_per_service_without_content(client, world, coordinator):
    supervisor = make_supervisor()
    client.force_login(world.main_contact)
    day = timezone.localdate() - dt.timedelta(days=3)
    response = client.post(en("education:supervision", world.provider.pk), {
        "service": world.service.pk, "held_on": day.isoformat(), "kind": "team", "hours": "2",
        "supervisor": supervisor.pk})
    assert response.status_code == 302
    session = SupervisionSession.objects.get()
    assert session.service == world.service and session.recorded_by == world.main_contact
    assert {f.name for f in SupervisionSession._meta.fields}.isdisjoint({"content", "notes", "text", "topic"})
    # Another provider's service, a date ahead: form errors.
    for data in ({"service": ProviderWorker.objects.filter(provider=world.other_provider).first() or 0},
                 {"service": world.service.pk, "held_on": (day + dt.timedelta(days=30)).isoformat()}):
        response = client.post(en("education:supervision", world.provider.pk), {
            "held_on": day.isoformat(), "kind": "team", "hours": "2", "supervisor_name": "X", **data})
        assert response.status_code == 400
    # The kraj's coverage: the service had supervision, the other provider's did not.
    client.force_login(coordinator)
    text = client.get(en("education:kraj-supervision")).content.decode()
    assert "Domov Jinde" in text and "Domov Kladno" not in text
