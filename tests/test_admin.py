"""The Django admin: who gets in, and that a coordinator cannot promote people (or themselves)."""

import pytest
from django.urls import reverse


pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_the_sites_login(client):
    """One login path for everyone: the admin's login page hands over to the site's (with its limits)."""
    response = client.get("/cs/admin/")
    assert response.status_code == 302 and "/admin/login/" in response.url
    handover = client.get(response.url)
    assert handover.status_code == 302 and handover.url == "/cs/ucet/login/?next=/cs/admin/"
    login = client.get(handover.url)
    assert login.status_code == 200
    assert "unsafe-inline" not in login.headers["Content-Security-Policy"]


def test_admin_login_form_posts_never_authenticate(client, coordinator):
    """The admin's own login form is gone: a POST to it does not log anybody in, whatever the password."""
    coordinator.set_password("spravne-heslo-2026")
    coordinator.save()
    response = client.post("/cs/admin/login/", {"username": coordinator.email, "password": "spravne-heslo-2026"})
    assert response.status_code == 302 and response.url.startswith("/cs/ucet/login/")
    assert "_auth_user_id" not in client.session


def test_plain_user_cannot_enter_the_admin(client, user):
    client.force_login(user)
    assert client.get("/cs/admin/").status_code == 403
    assert client.get("/cs/admin/login/").status_code == 403


def test_coordinator_sees_people_in_czech(client, coordinator, user):
    client.force_login(coordinator)
    index = client.get("/cs/admin/")
    assert index.status_code == 200 and "Portál sociálních služeb – administrace" in index.content.decode()
    people = client.get(reverse("admin:accounts_user_changelist"))
    assert people.status_code == 200 and user.email in people.content.decode()


def test_coordinator_cannot_make_anyone_staff_or_superuser(client, coordinator, user):
    """A regional coordinator may verify and suspend an ordinary account; every other field of the form is
    read-only for them, so a forged POST changes nothing else."""
    client.force_login(coordinator)
    url = reverse("admin:accounts_user_change", args=[user.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = {"email": "attacker@example.cz", "username": "attacker", "display_name": "Nové jméno", "first_name": "",
            "last_name": "", "organisation": "", "role_text": "", "language": "en", "is_verified": "on",
            "is_active": "on", "is_staff": "on", "is_superuser": "on", "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00"}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    before = (user.email, user.username, user.display_name, user.language)
    user.refresh_from_db()
    assert (user.email, user.username, user.display_name, user.language) == before
    assert user.is_verified and user.verified_by == coordinator
    assert not user.is_staff and not user.is_superuser
