"""Every form of education that creates something, sent twice with the same form copy (a double click, Back and
Submit), creates it once (core.resubmit for plain forms, core.uploads.size_limited_upload for the upload)."""

import datetime as dt
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from education.models import (
    Consultation,
    DevelopmentAction,
    OwnRecord,
    PlannedEducation,
    ProviderWorker,
    SelfAssessmentRound,
    SupervisionSession,
    Supervisor,
    TermRegistration,
)
from territory.models import home_kraj
from tests.accounts.factories import UserFactory
from tests.coalitions.factories import minimal_pdf
from tests.education.factories import make_round, make_term, role

pytestmark = pytest.mark.django_db
TOKEN = "a" * 64  # the form copy's CSRF token, which core.resubmit keys on


def en(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def twice(client, url, data):
    """Send the form twice as a browser does: urlencoded, or multipart when it carries a file."""
    data = {"csrfmiddlewaretoken": TOKEN, **data}
    files = [value for value in data.values() if hasattr(value, "seek")]

    def send():
        if files:
            for upload in files:
                upload.seek(0)
            return client.post(url, data)
        return client.post(url, urlencode(data, doseq=True), content_type="application/x-www-form-urlencoded")

    return send(), send()


def test_the_forms_of_a_provider_save_once(client, world):
    client.force_login(world.main_contact)
    newcomer = UserFactory()
    today = timezone.localdate()
    link = ProviderWorker.objects.get(person=world.worker)
    cases = [
        (en("education:worker-invite", world.provider.pk), {"email": newcomer.email, "role": role().pk},
         lambda: ProviderWorker.objects.filter(person=newcomer).count()),
        (en("education:plan-add", world.provider.pk), {"worker": link.pk, "year": today.year,
                                                       "programme": world.programme.pk, "hours": "8"},
         PlannedEducation.objects.count),
        (en("education:supervision", world.provider.pk), {"service": world.service.pk, "held_on": today.isoformat(),
                                                          "kind": "case", "hours": "2", "supervisor_name": "Mgr. X"},
         SupervisionSession.objects.count),
        (en("education:round-start", world.provider.pk), {"title": "Kolo", "services": [world.service.pk]},
         SelfAssessmentRound.objects.count),
    ]
    for url, data, count in cases:
        first, second = twice(client, url, data)
        assert first.status_code in (302, 303) and second.status_code in (302, 303), url
        assert count() == 1, url
    round_ = SelfAssessmentRound.objects.get()
    deadline = (today + dt.timedelta(days=30)).isoformat()
    twice(client, en("education:action-create", round_.pk), {"description": "Opatření", "owner": "vedoucí",
                                                            "deadline": deadline, "state": "open"})
    assert DevelopmentAction.objects.count() == 1


def test_the_forms_of_a_person_save_once(client, world):
    term = make_term(world.programme)
    client.force_login(world.worker)
    twice(client, en("education:term-register", term.pk), {"action": "register"})
    assert TermRegistration.objects.count() == 1
    upload = SimpleUploadedFile("doklad.pdf", minimal_pdf(), "application/pdf")
    first, _second = twice(client, en("education:own-record-add"), {
        "title": "Kurz", "kind": "training", "organiser": "Diakonie", "hours": "4",
        "completed_on": timezone.localdate().isoformat(), "proof": upload})
    assert first.status_code == 302 and OwnRecord.objects.count() == 1
    client.force_login(UserFactory())
    twice(client, en("education:supervisor-profile"), {"name": "Mgr. Y", "qualification": "Výcvik", "does_team": "on",
                                                      "kraje": [home_kraj().pk], "email": "y@example.cz"})
    assert Supervisor.objects.count() == 1


def test_a_consultation_is_planned_once(client, world):
    round_ = make_round(world.provider, services=[world.service])
    starts = timezone.localtime() + dt.timedelta(days=3)
    client.force_login(world.methodologist)
    twice(client, en("education:consultation-create", round_.pk), {
        "starts_at": starts.strftime("%Y-%m-%dT09:00"), "ends_at": starts.strftime("%Y-%m-%dT10:00"),
        "place": "Kraj", "status": "planned"})
    assert Consultation.objects.count() == 1
