"""While the database is unreachable, pages answer with a friendly 503 (no traceback) and Retry-After;
nothing half-done is stored, and other errors still give the 500 page."""

import pytest
from django.db import OperationalError
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_down(monkeypatch):
    def fail(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", fail)
    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.executemany", fail)


@pytest.mark.parametrize("path", ["/cs/sluzby/", "/en/capacities/", "/cs/koalice/", "/cs/diskuse/"])
def test_pages_answer_503_while_the_database_is_down(database_down, path):
    client = Client(raise_request_exception=False)
    response = client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    body = response.content.decode()
    assert "nedostupný" in body and "unavailable" in body and "Traceback" not in body


def test_a_form_sent_during_the_outage_says_it_was_not_saved(database_down):
    client = Client(raise_request_exception=False)
    response = client.post("/cs/kontakt/", {"name": "J", "email": "j@example.cz", "subject": "S", "message": "M"})
    assert response.status_code == 503
    assert "Nic z toho, co jste odeslali, jsme" in response.content.decode()


def test_other_errors_still_give_the_500_page(rf):
    from portal.views import server_error

    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        response = server_error(rf.get("/cs/"))
    assert response.status_code == 500
    assert "Retry-After" not in response
