"""The Django admin: who gets in, and that a coordinator cannot promote people (or themselves)."""

import pytest
from django.urls import reverse


pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_the_admin_login(client):
    response = client.get("/cs/admin/")
    assert response.status_code == 302 and "/admin/login/" in response.url
    login = client.get(response.url)
    assert login.status_code == 200
    assert "unsafe-inline" not in login.headers["Content-Security-Policy"]


def test_plain_user_cannot_enter_the_admin(client, user):
    client.force_login(user)
    assert client.get("/cs/admin/").status_code == 302


def test_coordinator_sees_people_in_czech(client, coordinator, user):
    client.force_login(coordinator)
    index = client.get("/cs/admin/")
    assert index.status_code == 200 and "Portál sociálních služeb – administrace" in index.content.decode()
    people = client.get(reverse("admin:accounts_user_changelist"))
    assert people.status_code == 200 and user.email in people.content.decode()


def test_coordinator_cannot_make_anyone_staff_or_superuser(client, coordinator, user):
    client.force_login(coordinator)
    url = reverse("admin:accounts_user_change", args=[user.pk])
    page = client.get(url)
    assert page.status_code == 200
    data = {"email": user.email, "username": user.username, "display_name": "Nové jméno", "first_name": "",
            "last_name": "", "organisation": "", "role_text": "", "language": "cs", "is_verified": "on",
            "is_active": "on", "is_staff": "on", "is_superuser": "on", "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00"}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    user.refresh_from_db()
    assert user.display_name == "Nové jméno"
    assert user.is_verified and user.verified_by == coordinator
    assert not user.is_staff and not user.is_superuser
