"""Education recorded with a proof: the upload is checked by size and content (a clear 400 on a bad file, nothing
stored), the proof is downloaded only by its owner and the education managers of the providers the owner works
for."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from education.models import OwnRecord
from tests.accounts.factories import UserFactory
from tests.coalitions.factories import minimal_pdf, png_bytes
from tests.education.factories import make_own_record

pytestmark = pytest.mark.django_db


def en(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def form(upload, **fields):
    return {"title": "Kurz komunikace", "kind": "training", "organiser": "Diakonie", "hours": "6",
            "completed_on": (timezone.localdate() - dt.timedelta(days=5)).isoformat(), "proof": upload, **fields}


def test_a_record_with_its_proof_counts_in_the_hours(client):
    person = UserFactory()
    client.force_login(person)
    response = client.post(en("education:own-record-add"),
                           form(SimpleUploadedFile("osvědčení.pdf", minimal_pdf(), "application/pdf")))
    assert response.status_code == 302
    record = OwnRecord.objects.get(person=person)
    assert record.proof_type == "pdf" and record.proof.name.endswith(".pdf")
    assert "6 of 24 hours" in client.get(en("education:my-record")).content.decode()


@pytest.mark.parametrize("upload, message", [
    (SimpleUploadedFile("doklad.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"),
     "its content is not PDF"),
    (SimpleUploadedFile("doklad.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "image/svg+xml"),
     "This kind of file cannot be uploaded"),
])
def test_a_file_of_the_wrong_type_is_refused_with_a_reason(client, upload, message):
    client.force_login(UserFactory())
    response = client.post(en("education:own-record-add"), form(upload))
    assert response.status_code == 400 and message in response.content.decode()
    assert not OwnRecord.objects.exists()


def test_an_oversized_file_is_refused_with_its_size(client, settings):
    settings.MAX_UPLOAD_BYTES = 1000
    client.force_login(UserFactory())
    upload = SimpleUploadedFile("velky.png", png_bytes(size=(400, 400)) + b"\0" * 2000, "image/png")
    response = client.post(en("education:own-record-add"), form(upload))
    assert response.status_code == 400 and "the largest file you can upload" in response.content.decode()
    assert not OwnRecord.objects.exists()


def test_a_future_date_and_missing_proof_are_form_errors(client):
    client.force_login(UserFactory())
    response = client.post(en("education:own-record-add"), form(
        SimpleUploadedFile("d.pdf", minimal_pdf(), "application/pdf"),
        completed_on=(timezone.localdate() + dt.timedelta(days=3)).isoformat()))
    assert response.status_code == 400
    response = client.post(en("education:own-record-add"), form(""))
    assert response.status_code == 400 and not OwnRecord.objects.exists()


def test_who_downloads_a_proof(client, world):
    record = make_own_record(world.worker)
    url = en("education:proof", record.pk)
    for person, status in [(world.worker, 200), (world.manager, 200), (world.main_contact, 200),
                           (world.other_staff, 404), (world.methodologist, 404), (UserFactory(), 404)]:
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == status, person
        if status == 200:
            assert response["Content-Type"] == "application/pdf" and "attachment" in response["Content-Disposition"]
            assert response["Cache-Control"] == "private, no-store"
    client.logout()
    assert client.get(url).status_code == 302


def test_only_the_owner_deletes_a_record(client, world):
    record = make_own_record(world.worker)
    client.force_login(world.manager)
    assert client.post(en("education:own-record-delete", record.pk)).status_code == 404
    client.force_login(world.worker)
    client.post(en("education:own-record-delete", record.pk))
    assert not OwnRecord.objects.exists()
