"""Reminders to provider staff whose free-place figures are outdated (manage.py send_capacity_reminders)."""

import datetime as dt
import smtplib
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from services import emails
from services.models import CapacityReminder
from tests.services.factories import make_provider_staff, make_service

pytestmark = pytest.mark.django_db


def days_ago(days):
    return timezone.localdate() - dt.timedelta(days=days)


@pytest.fixture
def stale(settings):
    settings.CAPACITY_REPORT_MAX_AGE_DAYS = 30
    return make_service(name="Domov Zapomenutý", free_places=2, as_of=days_ago(45))


@pytest.fixture
def staff(stale):
    return make_provider_staff(stale.provider)


def test_staff_with_outdated_figures_get_one_mail_listing_them(staff, stale, mailoutbox):
    never = make_service(name="Domov Nenahlášený", provider=stale.provider)
    make_service(name="Domov Aktuální", provider=stale.provider, free_places=1, as_of=days_ago(3))
    make_service(name="Domov Skončený", provider=stale.provider, free_places=1, as_of=days_ago(90),
                 valid_to=days_ago(1))
    assert emails.send_capacity_reminders() == 1
    mail = mailoutbox[0]
    assert mail.to == [staff.email]
    assert "Domov Zapomenutý" in mail.body and never.name in mail.body
    assert "Domov Aktuální" not in mail.body and "Domov Skončený" not in mail.body
    assert "/cs/moje-sluzby/" in mail.body
    assert mail.alternatives[0][1] == "text/html"


def test_nobody_is_reminded_when_figures_are_current(settings, mailoutbox):
    service = make_service(free_places=1, as_of=days_ago(2))
    make_provider_staff(service.provider)
    assert emails.send_capacity_reminders() == 0 and mailoutbox == []


def test_running_twice_or_on_two_nodes_mails_once(staff, mailoutbox):
    call_command("send_capacity_reminders")
    call_command("send_capacity_reminders")
    assert len(mailoutbox) == 1
    assert CapacityReminder.objects.filter(user=staff).count() == 1


def test_reminded_again_only_after_the_interval(staff, mailoutbox):
    emails.send_capacity_reminders()
    assert emails.send_capacity_reminders(today=days_ago(-3)) == 0
    assert emails.send_capacity_reminders(today=days_ago(-emails.REMINDER_INTERVAL_DAYS)) == 1
    assert len(mailoutbox) == 2


def test_a_failing_mail_server_is_retried_next_run(staff, mailoutbox):
    with mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages",
                    side_effect=smtplib.SMTPException("down")):
        assert emails.send_capacity_reminders() == 0
    assert not CapacityReminder.objects.exists()
    assert emails.send_capacity_reminders() == 1


def test_the_mail_is_in_the_persons_language(staff, mailoutbox):
    staff.language = "en"
    staff.save()
    emails.send_capacity_reminders()
    assert mailoutbox[0].subject == "Please update the free places of your services"
    assert "/en/my-services/" in mailoutbox[0].body


def test_people_of_other_providers_are_not_reminded(stale, mailoutbox):
    make_provider_staff()  # a provider without services
    assert emails.send_capacity_reminders() == 0
