"""Attendance confirmed by the organiser issues certificates; a certificate is seen by its holder and the
organisers, printed, and verified by anyone through its signed public address (valid, forged, revoked)."""

import pytest
from django.urls import reverse
from django.utils import translation

from education.models import Certificate
from education.tokens import certificate_code
from tests.accounts.factories import UserFactory
from tests.education.factories import attended_certificate, make_term

pytestmark = pytest.mark.django_db


def en(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def test_the_organiser_confirms_attendance_and_the_participant_gets_a_certificate(client, world):
    term = make_term(world.programme, days=-2)
    term.register(world.worker)
    no_show = UserFactory()
    term.register(no_show)
    client.force_login(world.organiser)
    url = en("education:term-attendance", term.pk)
    assert client.get(url).status_code == 200
    response = client.post(url, {"present": [world.worker.pk]})
    assert response.status_code == 302
    certificate = Certificate.objects.get()
    assert certificate.person == world.worker and certificate.hours == world.programme.hours
    assert certificate.accreditation_number == world.programme.accreditation_number
    assert not Certificate.objects.filter(person=no_show).exists()
    # Unticking revokes the certificate; ticking again reinstates it (one certificate per registration).
    client.post(url, {"present": []})
    certificate.refresh_from_db()
    assert certificate.is_revoked
    client.post(url, {"present": [world.worker.pk]})
    certificate.refresh_from_db()
    assert not certificate.is_revoked and Certificate.objects.count() == 1


def test_only_organisers_confirm_attendance(client, world):
    term = make_term(world.programme, days=-2)
    term.register(world.worker)
    for person in (world.worker, world.main_contact, UserFactory()):
        client.force_login(person)
        assert client.post(en("education:term-attendance", term.pk), {"present": [world.worker.pk]}).status_code == 403
    assert not Certificate.objects.exists()


def test_attendance_waits_for_the_term_to_begin(client, world):
    term = make_term(world.programme, days=5)
    term.register(world.worker)
    client.force_login(world.organiser)
    client.post(en("education:term-attendance", term.pk), {"present": [world.worker.pk]})
    assert not Certificate.objects.exists() and term.registrations.get().attended is None


def test_the_certificate_page_is_for_its_holder_and_the_organisers(client, world):
    certificate = attended_certificate(world.worker, programme=world.programme)
    url = en("education:certificate", certificate.pk)
    for person, status in [(world.worker, 200), (world.organiser, 200), (world.manager, 404), (UserFactory(), 404)]:
        client.force_login(person)
        assert client.get(url).status_code == status
    client.force_login(world.worker)
    text = client.get(url).content.decode()
    assert certificate.number in text and "A2024/0123-SP/PC/VP" in text
    assert en("education:verify", certificate_code(certificate)) in text


def test_verification_of_a_valid_certificate(client, world):
    certificate = attended_certificate(world.worker, programme=world.programme)
    response = client.get(en("education:verify", certificate_code(certificate)))
    assert response.status_code == 200
    text = response.content.decode()
    assert f"Certificate {certificate.number} is valid." in text and world.programme.title in text


@pytest.mark.parametrize("forge", [
    lambda code: code[:-2] + ("AA" if not code.endswith("AA") else "BB"),  # signature altered
    lambda code: "MQ" + code[code.index(":"):],  # another pk under the same signature
    lambda code: "nothing-at-all",
])
def test_a_forged_code_verifies_nothing(client, world, forge):
    certificate = attended_certificate(world.worker, programme=world.programme)
    response = client.get(en("education:verify", forge(certificate_code(certificate))))
    assert response.status_code == 404
    assert "not valid" in response.content.decode() and certificate.number not in response.content.decode()


def test_a_revoked_certificate_says_so(client, world):
    certificate = attended_certificate(world.worker, programme=world.programme)
    client.force_login(world.organiser)
    client.post(en("education:certificate-revoke", certificate.pk), {"reason": "Účast nebyla celá."})
    certificate.refresh_from_db()
    assert certificate.is_revoked and certificate.revoked_by == world.organiser
    client.logout()
    response = client.get(en("education:verify", certificate_code(certificate)))
    assert response.status_code == 200
    assert "revoked" in response.content.decode() and "is valid" not in response.content.decode()


def test_the_holder_cannot_revoke_their_certificate(client, world):
    certificate = attended_certificate(world.worker, programme=world.programme)
    client.force_login(world.worker)
    assert client.post(en("education:certificate-revoke", certificate.pk), {"reason": "x"}).status_code == 403
    certificate.refresh_from_db()
    assert not certificate.is_revoked
