"""In a real browser (no JavaScript needed, axe 0 on every page): a worker registers for a term, the organiser
confirms the attendance, the worker finds the certificate, verifies it and sees their hours; a provider completes
a round of self-assessment and its development plan."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from education.models import Certificate, DevelopmentAction, Rating
from tests.accounts.factories import UserFactory
from tests.browser import check_page, log_in
from tests.education.factories import make_programme, make_round, make_term, make_worker
from tests.services.factories import make_provider_staff, make_service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PASSWORD = "heslo-pro-vzdelavani-2026"


def en(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def person(**fields):
    user = UserFactory(verified=True, **fields)
    user.set_password(PASSWORD)
    user.save()
    return user


def log_out(page, live_server):
    page.context.clear_cookies()


def test_a_worker_registers_attends_gets_the_certificate_and_sees_the_hours(page, live_server, axe_source):
    programme = make_programme(title="Individuální plánování v praxi", hours=8, standards=[5])
    term = make_term(programme, capacity=12)
    worker, organiser = person(display_name="Věra Pracovnice"), person(display_name="Olga Organizátorka")
    programme.managers.add(organiser)

    log_in(page, live_server, worker.email, PASSWORD)
    page.goto(f"{live_server.url}{en('education:index')}")
    check_page(page, axe_source, h1="Continuing education")
    page.locator(f"main a[href='{en('education:term', term.pk)}']").first.click()
    check_page(page, axe_source, h1="Individuální plánování v praxi")
    page.get_by_role("button", name="Register").click()
    page.wait_for_load_state()
    assert "You are registered." in page.content()

    # The term takes place; the organiser confirms who came.
    type(term).objects.filter(pk=term.pk).update(starts_at=timezone.now() - dt.timedelta(hours=7),
                                                 ends_at=timezone.now() - dt.timedelta(hours=1))
    log_out(page, live_server)
    log_in(page, live_server, organiser.email, PASSWORD)
    page.goto(f"{live_server.url}{en('education:term-attendance', term.pk)}")
    check_page(page, axe_source, h1="Registrations and attendance")
    page.get_by_label(re.compile("Věra Pracovnice")).check()
    page.get_by_role("button", name="Save the attendance").click()
    page.wait_for_load_state()
    certificate = Certificate.objects.get(person=worker)

    # The worker sees the hours and the certificate, and anyone can verify it.
    log_out(page, live_server)
    log_in(page, live_server, worker.email, PASSWORD)
    page.goto(f"{live_server.url}{en('education:my-record')}")
    check_page(page, axe_source, h1="My continuing education")
    assert "8 of 24 hours" in page.content() and "16 hours short" in page.content()
    page.get_by_role("link", name=certificate.number).click()
    check_page(page, axe_source, h1=certificate.number)
    page.get_by_role("link", name="Open the public verification page").click()
    check_page(page, axe_source, h1="Verification of a certificate")
    assert f"Certificate {certificate.number} is valid." in page.content()


def test_a_provider_completes_a_self_assessment_round_and_its_plan(page, live_server, axe_source):
    service = make_service(name="Domov Pohoda")
    staff = make_provider_staff(service.provider)
    staff.set_password(PASSWORD)
    staff.save()
    make_worker(service.provider, staff, role_code="management", manager=True)
    make_round(service.provider, services=[service], rating=Rating.PARTLY, completed=True, title="Sebehodnocení 2025")

    log_in(page, live_server, staff.email, PASSWORD)
    page.goto(f"{live_server.url}{en('education:rounds')}")
    check_page(page, axe_source, h1="Self-assessment against the quality standards")
    page.get_by_role("link", name="Start a new round").click()
    check_page(page, axe_source)
    page.get_by_label("Title").fill("Sebehodnocení 2026")
    page.get_by_label("Domov Pohoda").check()
    page.get_by_role("button", name="Start the round").click()
    check_page(page, axe_source, h1="Sebehodnocení 2026")
    round_ = service.provider.self_assessments.get(title="Sebehodnocení 2026")
    # Every standard but the last is rated already (as on the other pages); the last one is rated here.
    round_.ratings.exclude(criterion__standard__number=15).update(rating=Rating.FULFILLED)
    page.get_by_role("link", name="Rate standard 15").click()
    check_page(page, axe_source)
    for group in page.get_by_role("group").all():
        group.get_by_label("fulfilled", exact=True).check()
    page.get_by_role("button", name="Save").click()
    check_page(page, axe_source, h1="Sebehodnocení 2026")
    assert "better" in page.content()  # partly fulfilled last year, fulfilled now
    page.get_by_role("button", name="Complete the round").click()
    page.wait_for_load_state()
    assert "The round is completed" in page.content()

    page.get_by_role("link", name="Add an action").click()
    check_page(page, axe_source)
    page.get_by_label(re.compile(r"^Action")).fill("Zavést týmovou supervizi jednou měsíčně")
    page.get_by_label("Owner").fill("vedoucí služby")
    page.get_by_label("Deadline").fill((timezone.localdate() + dt.timedelta(days=90)).isoformat())
    page.get_by_label("15a", exact=False).first.check()
    page.get_by_role("button", name="Save").click()
    check_page(page, axe_source, h1="Sebehodnocení 2026")
    action = DevelopmentAction.objects.get(round=round_)
    assert action.criteria.filter(code="15a").exists() and "Zavést týmovou supervizi" in page.content()


def test_the_other_education_pages_pass_axe(page, live_server, axe_source, coordinator):
    """The pages the two journeys above do not open: the organisation's education, invitation, a worker, the plan,
    supervision, the methodologist's comments and consultation, the supervisors' register and the kraj's figures."""
    from education.models import Consultation
    from tests.education.factories import make_methodologist, make_supervisor

    service = make_service(name="Domov Pohoda")
    staff = make_provider_staff(service.provider)
    staff.set_password(PASSWORD)
    staff.save()
    worker = make_worker(service.provider, service=service)
    round_ = make_round(service.provider, services=[service], rating=Rating.NOT_FULFILLED, completed=True)
    methodologist = make_methodologist()
    methodologist.set_password(PASSWORD)
    methodologist.save()
    starts = timezone.now() + dt.timedelta(days=3)
    consultation = Consultation.objects.create(round=round_, starts_at=starts, ends_at=starts + dt.timedelta(hours=2),
                                               place="Krajský úřad", held_by=methodologist)
    supervisor = make_supervisor()
    coordinator.set_password(PASSWORD)
    coordinator.save()
    pk = service.provider.pk
    visits = {
        staff: [en("education:organisation", pk), en("education:worker-invite", pk),
                en("education:worker", pk, worker.pk), en("education:plan-add", pk), en("education:supervision", pk),
                en("education:consultation", consultation.pk), en("education:own-record-add"),
                en("education:supervisor-profile")],
        methodologist: [en("education:round-standard", round_.pk, 7), en("education:consultation", consultation.pk),
                        en("education:consultation-create", round_.pk), en("education:kraj-quality")],
        coordinator: [en("education:kraj-hours"), en("education:kraj-supervision"), en("education:supervisors"),
                      en("education:supervisor", supervisor.pk)],
    }
    for person, paths in visits.items():
        log_out(page, live_server)
        log_in(page, live_server, person.email, PASSWORD)
        for path in paths:
            page.goto(f"{live_server.url}{path}")
            check_page(page, axe_source)
