"""Brute force and account enumeration: allauth's rate limits and its enumeration protection stay on."""

import re

import pytest
from django.urls import reverse

from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_repeated_failed_logins_are_stopped(client):
    person = UserFactory(email="jana@example.cz")
    for n in range(5):
        client.post(reverse("account_login"), {"login": person.email, "password": f"wrong-{n}"})
    response = client.post("/en/account/login/", {"login": person.email, "password": "correct-horse-battery-staple"})
    assert "_auth_user_id" not in client.session  # even the right password waits until the window passes
    assert "Too many failed login attempts" in response.content.decode()


def _visible_text(response) -> str:
    html = response.content.decode()
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r"\s+", " ", html)


def test_password_reset_says_the_same_for_known_and_unknown_addresses(client, mailoutbox):
    UserFactory(email="znama@example.cz")
    known = client.post(reverse("account_reset_password"), {"email": "znama@example.cz"}, follow=True)
    unknown = client.post(reverse("account_reset_password"), {"email": "neznama@example.cz"}, follow=True)
    assert known.status_code == unknown.status_code == 200
    assert _visible_text(known).replace("znama@", "X@") == _visible_text(unknown).replace("neznama@", "X@")


def test_sign_up_with_a_taken_address_does_not_reveal_it(client, mailoutbox):
    UserFactory(email="obsazena@example.cz")
    response = client.post(reverse("account_signup"), {"email": "obsazena@example.cz", "password1": "Zlaty-kun-2026!",
                                                       "password2": "Zlaty-kun-2026!"})
    assert response.status_code == 302  # the same "check your e-mail" step as a new address
    assert response["Location"] == reverse("account_email_verification_sent")
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["obsazena@example.cz"]  # the owner is told instead
