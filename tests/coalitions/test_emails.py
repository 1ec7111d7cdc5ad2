"""Coalition e-mails (coalitions/emails.py): invitations with a calendar entry, reminders
(`manage.py send_meeting_reminders`), the recipient's language, and the unsubscribe link
(coalitions:unsubscribe)."""

import datetime as dt
import io
import re
import time
from unittest import mock

import pytest
from django.core import signing
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from icalendar import Calendar

from coalitions import emails, tokens
from coalitions.models import Meeting, Membership, Registration
from tests.accounts.factories import UserFactory
from tests.coalitions.factories import (  # noqa: F401
    ROLES,
    EventFactory,
    MeetingFactory,
    MembershipFactory,
    coalition,
    coalition_coordinator,
    log_in_as,
    member,
    other_member,
)

pytestmark = pytest.mark.django_db



def in_hours(hours: float) -> dict:
    starts = (timezone.now() + dt.timedelta(hours=hours)).replace(microsecond=0)
    return {"starts_at": starts, "ends_at": starts + dt.timedelta(hours=2)}


def publish(client, meeting):
    with translation.override("en"):
        return client.post(reverse("coalitions:meeting-publish", args=[meeting.coalition.slug, meeting.pk]))


# --- Invitations ----------------------------------------------------------------------------------


def test_publishing_invites_current_members_once_with_a_calendar_entry(client, coalition, mailoutbox,
                                                                       coalition_coordinator,
                                                                       django_capture_on_commit_callbacks):
    meeting = MeetingFactory(coalition=coalition, published=False, title="Setkání o kapacitách")
    invited = MembershipFactory(coalition=coalition).person
    MembershipFactory(coalition=coalition, email_notifications=False)
    MembershipFactory(coalition=coalition, left_on=dt.date(2024, 6, 30))
    MembershipFactory(role="member")  # another coalition
    client.force_login(coalition_coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        publish(client, meeting)
        publish(client, meeting)

    assert sorted(m.to[0] for m in mailoutbox) == sorted([invited.email, coalition_coordinator.email])
    mail = next(m for m in mailoutbox if m.to == [invited.email])
    assert "Setkání o kapacitách" in mail.subject
    (name, content, mimetype), = mail.attachments
    assert name.endswith(".ics") and mimetype.startswith("text/calendar")
    calendar = Calendar.from_ical(content)
    event, = calendar.walk("VEVENT")
    assert str(event["summary"]).endswith("Setkání o kapacitách")
    assert event.decoded("dtstart") == meeting.starts_at
    assert str(event["uid"]) == f"meeting-{meeting.pk}@" + str(event["uid"]).split("@")[1]
    html = mail.alternatives[0].content
    assert meeting.get_absolute_url().split("/", 2)[2] in html


def test_a_failing_mail_server_does_not_break_publishing(client, coalition, coalition_coordinator,
                                                         django_capture_on_commit_callbacks):
    meeting = MeetingFactory(coalition=coalition, published=False)
    client.force_login(coalition_coordinator)
    with (mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=OSError("SMTP down")) as send,
          django_capture_on_commit_callbacks(execute=True)):
        response = publish(client, meeting)
    assert response.status_code == 302
    assert send.called  # the invitations' task ran after commit, and its failure stayed in the task
    assert Meeting.objects.get(pk=meeting.pk).published


def test_nothing_is_sent_when_the_transaction_rolls_back(coalition, mailoutbox,
                                                         django_capture_on_commit_callbacks):
    meeting = MeetingFactory(coalition=coalition)
    MembershipFactory(coalition=coalition)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                emails.queue_invitations(meeting)
                raise RuntimeError("something failed after the claim")
        except RuntimeError:
            pass
    assert callbacks == [] and mailoutbox == []
    assert Meeting.objects.get(pk=meeting.pk).invitations_sent_at is None  # the claim rolled back too


# --- Language -------------------------------------------------------------------------------------


def test_each_member_gets_the_mail_in_their_language(coalition, mailoutbox):
    starts = timezone.make_aware(dt.datetime(2031, 6, 3, 9, 0))
    meeting = MeetingFactory(coalition=coalition, starts_at=starts, ends_at=starts + dt.timedelta(hours=2))
    czech = MembershipFactory(coalition=coalition, person__language="cs").person
    english = MembershipFactory(coalition=coalition, person__language="en").person
    with translation.override("en"):  # whatever language the sender happens to use
        emails.send_invitations(meeting.pk)
    by_person = {m.to[0]: m for m in mailoutbox}
    czech_mail, english_mail = by_person[czech.email], by_person[english.email]
    assert "3. června 2031, 9:00–11:00" in czech_mail.body and "/cs/koalice/" in czech_mail.body
    assert "3 June 2031, 09:00–11:00" in english_mail.body and "/en/coalitions/" in english_mail.body
    assert "Invitation:" in english_mail.subject
    assert 'lang="cs"' in czech_mail.alternatives[0].content
    assert 'lang="en"' in english_mail.alternatives[0].content


# --- Reminders ------------------------------------------------------------------------------------


def test_reminders_go_out_once_for_meetings_within_two_days(coalition, mailoutbox):
    due = MeetingFactory(coalition=coalition, title="Zítra", **in_hours(30))
    MeetingFactory(coalition=coalition, title="Za týden", **in_hours(24 * 7))
    MeetingFactory(coalition=coalition, title="Zrušené", status="cancelled", **in_hours(20))
    MeetingFactory(coalition=coalition, title="Nezveřejněné", published=False, **in_hours(20))
    MeetingFactory(coalition=coalition, title="Proběhlo", **in_hours(-5))
    coming = MembershipFactory(coalition=coalition).person
    apologised = MembershipFactory(coalition=coalition).person
    Registration.objects.create(meeting=due, person=coming, status="registered")
    Registration.objects.create(meeting=due, person=apologised, status="apologised")
    MembershipFactory(coalition=coalition, email_notifications=False)

    call_command("send_meeting_reminders", stdout=io.StringIO())
    call_command("send_meeting_reminders", stdout=io.StringIO())

    assert [m.to for m in mailoutbox] == [[coming.email]]
    assert "Zítra" in mailoutbox[0].subject
    assert "You are registered." in mailoutbox[0].body or "přihlášen" in mailoutbox[0].body
    Calendar.from_ical(mailoutbox[0].attachments[0][1])
    due.refresh_from_db()
    assert due.reminders_sent_at is not None


def test_a_meeting_claimed_by_another_node_is_skipped(coalition, mailoutbox):
    """The claim is `UPDATE … WHERE reminders_sent_at IS NULL`: once another node set it, nothing is sent."""
    meeting = MeetingFactory(coalition=coalition, **in_hours(10))
    MembershipFactory(coalition=coalition)
    Meeting.objects.filter(pk=meeting.pk).update(reminders_sent_at=timezone.now())
    assert emails.send_due_reminders() == (0, 0)
    assert mailoutbox == []


def test_the_command_reports_what_it_did(coalition, capsys):
    MeetingFactory(coalition=coalition, **in_hours(40))
    MembershipFactory.create_batch(2, coalition=coalition)
    call_command("send_meeting_reminders")
    assert "Reminded 1 meeting(s): 2 e-mail(s) sent; 0 event(s): 0 e-mail(s) sent." in capsys.readouterr().out


def test_event_reminders_go_once_to_the_people_registered_on_the_portal(db, mailoutbox):
    event = EventFactory(title="Veletrh služeb", registration_on_portal=True, capacity=1, **in_hours(20))
    EventFactory(title="Za týden", registration_on_portal=True, **in_hours(24 * 7))
    EventFactory(title="Nezveřejněná", registration_on_portal=True, published=False, **in_hours(20))
    coming, waiting, cancelled = UserFactory(language="en"), UserFactory(), UserFactory()
    event.register(coming)
    event.register(waiting)
    event.register(cancelled)
    event.cancel_registration(cancelled)

    out = io.StringIO()
    call_command("send_meeting_reminders", stdout=out)
    call_command("send_meeting_reminders", stdout=io.StringIO())

    assert "1 event(s): 1 e-mail(s) sent" in out.getvalue()
    assert [m.to for m in mailoutbox] == [[coming.email]]
    assert mailoutbox[0].subject.startswith("Reminder: Veletrh služeb")
    assert "cancel your registration" in mailoutbox[0].body
    Calendar.from_ical(mailoutbox[0].attachments[0][1])
    event.refresh_from_db()
    assert event.reminders_sent_at is not None


# --- Unsubscribe ----------------------------------------------------------------------------------


def unsubscribe_url(token: str) -> str:
    with translation.override("en"):
        return reverse("coalitions:unsubscribe", args=[token])


def test_the_link_in_a_mail_unsubscribes_without_logging_in(client, coalition, mailoutbox):
    membership = MembershipFactory(coalition=coalition)
    emails.send_invitations(MeetingFactory(coalition=coalition).pk)
    path = re.search(r"https?://[^/\s]+(/\w\w/koalice/upozorneni/[^/\s]+/)", mailoutbox[0].body).group(1)
    assert mailoutbox[0].extra_headers["List-Unsubscribe"].endswith(path + ">")

    page = client.get(path)
    assert page.status_code == 200 and coalition.name in page.content.decode()
    membership.refresh_from_db()
    assert membership.email_notifications  # a link scanner's GET changes nothing

    response = client.post(path, {"action": "unsubscribe"})
    assert response.status_code == 302
    membership.refresh_from_db()
    assert not membership.email_notifications

    client.post(path, {"action": "subscribe"})
    membership.refresh_from_db()
    assert membership.email_notifications


def test_an_unsubscribed_member_gets_no_invitation(coalition, mailoutbox):
    membership = MembershipFactory(coalition=coalition)
    Membership.objects.filter(pk=membership.pk).update(email_notifications=False)
    emails.send_invitations(MeetingFactory(coalition=coalition).pk)
    assert mailoutbox == []


@pytest.mark.parametrize("token", [
    "nonsense",
    signing.dumps(1, salt="another.salt"),
    signing.dumps("1", salt=tokens.UNSUBSCRIBE_SALT),
    signing.dumps(999_999, salt=tokens.UNSUBSCRIBE_SALT),  # no such membership
    "a" * 500,
    "%00",
], ids=["nonsense", "other-salt", "not-a-pk", "no-such-membership", "long", "nul"])  # signed values change per run
def test_a_bad_token_is_a_400_page(client, coalition, token):
    for method in (client.get, client.post):
        response = method(unsubscribe_url(token))
        assert response.status_code == 400
        assert "This link is not valid" in response.content.decode()


def test_an_expired_token_is_a_400_page(client, coalition):
    membership = MembershipFactory(coalition=coalition)
    two_years_ago = time.time() - 2 * 365 * 24 * 3600
    with mock.patch("django.core.signing.time.time", return_value=two_years_ago):
        token = tokens.unsubscribe_token(membership)
    assert client.post(unsubscribe_url(token), {"action": "unsubscribe"}).status_code == 400
    membership.refresh_from_db()
    assert membership.email_notifications


@pytest.mark.parametrize("role", ROLES)
def test_the_link_works_whoever_is_logged_in(client, request, coalition, role):
    membership = MembershipFactory(coalition=coalition)
    log_in_as(client, request, role)
    client.post(unsubscribe_url(tokens.unsubscribe_token(membership)), {"action": "unsubscribe"})
    membership.refresh_from_db()
    assert not membership.email_notifications
