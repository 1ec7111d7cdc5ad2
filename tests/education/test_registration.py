"""Registering for a term on its page: the shared waiting list (core.registrations), the position shown, a freed
seat handed to the first person waiting with an e-mail, closed registration refused, reminders two days before."""

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from education.models import Term

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


def test_reminders_go_once_to_the_registered_people_two_days_before_a_term(world, mailoutbox):
    soon = make_term(world.programme, capacity=1, days=1)
    make_term(world.programme, days=5).register(UserFactory())  # not due yet
    make_term(world.programme, days=1, status=Term.Status.CANCELLED).register(UserFactory())
    registered, waiting = UserFactory(language="en", email="prihlasena@example.cz"), UserFactory()
    soon.register(registered)
    soon.register(waiting)
    mailoutbox.clear()

    out = io.StringIO()
    call_command("send_term_reminders", stdout=out)
    call_command("send_term_reminders", stdout=io.StringIO())  # a second run (or node) sends nothing

    assert "Reminded 1 term(s): 1 e-mail(s) sent." in out.getvalue()
    assert [m.to for m in mailoutbox] == [["prihlasena@example.cz"]]
    assert mailoutbox[0].subject.startswith(f"Reminder: {world.programme.title}")
    assert "cancel your registration" in mailoutbox[0].body
    entry = Calendar.from_ical(mailoutbox[0].attachments[0][1]).walk("VEVENT")[0]
    assert entry.decoded("dtstart") == soon.starts_at
    soon.refresh_from_db()
    assert soon.reminders_sent_at is not None


def test_a_term_of_an_unpublished_programme_is_not_reminded(world, mailoutbox):
    world.programme.published = False
    world.programme.save()
    make_term(world.programme, days=1).register(UserFactory())
    mailoutbox.clear()
    assert call_command("send_term_reminders", stdout=io.StringIO()) is None
    assert mailoutbox == []
    assert Term.objects.filter(reminders_sent_at__isnull=False, starts_at__lte=timezone.now() + dt.timedelta(
        days=2)).count() == 0
