"""A form sent twice (a double click, a reload, Back and Submit again) saves once: core/resubmit.py."""

import re
import threading
from urllib.parse import urlencode

import pytest
from django.core.cache import cache
from django.test import Client

from core.resubmit import PENDING, submission_key
from portal.models import ContactMessage

pytestmark = pytest.mark.django_db

CONTACT = "/en/contact/"


def contact_form(client):
    """The contact form as a browser sends it: the token of this rendering and the person's text."""
    html = client.get(CONTACT).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    return {"csrfmiddlewaretoken": token, "name": "Jana", "email": "jana@example.cz",
            "subject": "Dotaz", "message": "Kde najdu azylový dům?", "website": ""}


class Browser(Client):
    """Sends forms as browsers do when there is no file field: URL-encoded (the test client's default is
    multipart, which the guard leaves to the upload views)."""

    def post(self, path, data=None, **kwargs):
        return super().post(path, urlencode(data or {}), content_type="application/x-www-form-urlencoded",
                            **kwargs)


@pytest.fixture
def browser():
    return Browser(enforce_csrf_checks=True)


def test_the_same_form_sent_twice_saves_once_and_says_so(browser):
    data = contact_form(browser)
    first = browser.post(CONTACT, data)
    second = browser.post(CONTACT, data, follow=True)
    assert first.status_code == 302
    assert second.redirect_chain[0] == (first.url, 303)
    assert ContactMessage.objects.count() == 1
    assert "nothing was saved twice" in second.content.decode()


def test_a_freshly_rendered_form_with_the_same_text_is_a_new_message(browser):
    browser.post(CONTACT, contact_form(browser))
    browser.post(CONTACT, contact_form(browser))  # the person opened the form again: a new copy
    assert ContactMessage.objects.count() == 2


def test_a_form_with_errors_can_be_corrected_and_sent(browser):
    data = contact_form(browser)
    assert browser.post(CONTACT, {**data, "email": "not-an-address"}).status_code == 400
    assert browser.post(CONTACT, data).status_code == 302
    assert ContactMessage.objects.count() == 1


def test_a_form_that_failed_on_the_server_can_be_sent_again(browser, monkeypatch):
    data = contact_form(browser)
    monkeypatch.setattr(ContactMessage, "save", lambda *args, **kwargs: (_ for _ in ()).throw(RuntimeError))
    browser.raise_request_exception = False
    assert browser.post(CONTACT, data).status_code == 500
    monkeypatch.undo()
    assert browser.post(CONTACT, data).status_code == 302
    assert ContactMessage.objects.count() == 1


def test_the_second_of_two_simultaneous_sendings_waits_for_the_first(browser, monkeypatch):
    data = contact_form(browser)
    monkeypatch.setattr("core.resubmit.WAIT_SECONDS", 0.3)
    request = browser.post(CONTACT, data).wsgi_request  # sent once; its request gives the key of the copy
    key = submission_key(request)
    cache.set(key, PENDING)  # as if the first sending were still being processed
    response = browser.post(CONTACT, data)
    assert response.status_code == 409 and response["Retry-After"]
    assert "nothing will be saved twice" in response.content.decode()

    def first_finishes():
        cache.set(key, "/en/contact/")
    timer = threading.Timer(0.1, first_finishes)
    cache.set(key, PENDING)
    timer.start()
    monkeypatch.setattr("core.resubmit.WAIT_SECONDS", 3)
    assert browser.post(CONTACT, data).status_code == 303
    timer.join()


def test_without_a_cache_the_guard_steps_aside(browser, monkeypatch):
    data = contact_form(browser)
    monkeypatch.setattr(cache, "add", lambda *args, **kwargs: False)  # Redis away (ResilientRedisCache)
    monkeypatch.setattr(cache, "get", lambda *args, **kwargs: None)
    assert browser.post(CONTACT, data).status_code == 302
    assert ContactMessage.objects.count() == 1


def test_switched_off_with_a_zero_window(browser, settings):
    settings.RESUBMIT_WINDOW_SECONDS = 0
    data = contact_form(browser)
    browser.post(CONTACT, data)
    browser.post(CONTACT, data)
    assert ContactMessage.objects.count() == 2
