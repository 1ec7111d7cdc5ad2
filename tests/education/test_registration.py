"""Registering for a term on its page: the shared waiting list (core.registrations), the position shown, a freed
seat handed to the first person waiting with an e-mail, closed registration refused."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.accounts.factories import UserFactory
from tests.education.factories import make_term

pytestmark = pytest.mark.django_db


def en(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def test_a_full_term_offers_the_waiting_list_and_a_freed_seat_is_mailed(client, world, mailoutbox,
                                                                       django_capture_on_commit_callbacks):
    term = make_term(world.programme, capacity=1)
    first, second = UserFactory(), UserFactory(email="druha@example.cz")
    client.force_login(first)
    client.post(en("education:term-register", term.pk), {"action": "register"})
    client.force_login(second)
    page = client.get(en("education:term", term.pk)).content.decode()
    assert "Join the waiting list" in page
    client.post(en("education:term-register", term.pk), {"action": "register"})
    page = client.get(en("education:term", term.pk)).content.decode()
    assert "You are on the waiting list, in place 1." in page
    mailoutbox.clear()
    client.force_login(first)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(en("education:term-register", term.pk), {"action": "cancel"})
    assert term.registrations.get(person=second).is_registered
    assert [m.to for m in mailoutbox] == [["druha@example.cz"]]
    assert world.programme.title in mailoutbox[0].subject


def test_registration_is_closed_once_the_term_begins(client, world):
    term = make_term(world.programme, days=-1)
    client.force_login(UserFactory())
    assert client.post(en("education:term-register", term.pk), {"action": "register"}).status_code == 403
    assert not term.registrations.exists()


def test_a_bad_action_registers_nobody(client, world):
    term = make_term(world.programme)
    client.force_login(UserFactory())
    response = client.post(en("education:term-register", term.pk), {"action": "<script>"})
    assert response.status_code == 302 and not term.registrations.exists()
