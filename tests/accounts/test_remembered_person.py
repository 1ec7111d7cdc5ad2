"""Production reads a signed-in request's session through the cache and its person from the process's memory
(settings.SESSION_ENGINE, accounts/backends.py): after the first request neither costs a query, and what
changes the person (a deactivation, a new password, a logout) still takes effect on the next request."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def production_sessions(settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.REGISTRY_PAGE_CACHE_SECONDS = 300


def log_in(client, person):
    with translation.override("cs"):
        response = client.post(reverse("account_login"), {"login": person.email, "password": PASSWORD})
    assert response.status_code == 302
    return response


def signed_in(client) -> bool:
    response = client.get(reverse("portal:privacy"))
    assert response.status_code == 200
    return response.wsgi_request.user.is_authenticated


def test_a_signed_in_page_reads_neither_the_session_nor_the_person_again(client):
    person = UserFactory(display_name="Alena Stálá")
    log_in(client, person)
    assert signed_in(client)
    with CaptureQueriesContext(connection) as queries:
        assert signed_in(client)
    tables = " ".join(query["sql"] for query in queries)
    assert "django_session" not in tables and "accounts_user" not in tables


def test_a_deactivated_account_is_signed_out_on_the_next_request(client):
    person = UserFactory()
    log_in(client, person)
    assert signed_in(client)
    person.is_active = False
    person.save()
    assert not signed_in(client)


def test_a_new_password_signs_other_sessions_out(client):
    person = UserFactory()
    log_in(client, person)
    assert signed_in(client)
    person.set_password("jine-nove-heslo-2026")
    person.save()
    assert not signed_in(client)


def test_logging_out_ends_the_session(client):
    person = UserFactory()
    log_in(client, person)
    assert signed_in(client)
    client.post(reverse("account_logout"))
    assert not signed_in(client)


def test_each_request_gets_its_own_copy_of_the_person(client):
    person = UserFactory()
    log_in(client, person)
    first = client.get(reverse("portal:privacy")).wsgi_request.user
    first._perm_cache = {"made.up"}  # what a request keeps on its person stays with it
    second = client.get(reverse("portal:privacy")).wsgi_request.user
    assert second.pk == person.pk and second is not first and not hasattr(second, "_perm_cache")
