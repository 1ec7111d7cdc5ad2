"""E-mails of coalitions: invitations to a published meeting, reminders two days before it, confirmations
of registration, and notices when minutes go out for comments or are approved.

Every mail is rendered in its recipient's language (User.language) from a template triple
`templates/coalitions/emails/<name>_subject.txt`, `_body.txt` and `_body.html`, and carries a link that
stops coalition e-mails without logging in (a signed token, coalitions.tokens). Views call the `queue_*`
functions, which send only after the transaction commits: a rolled-back change mails nobody.
"""

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from coalitions.ics import calendar_bytes, meeting_entry
from coalitions.models import Meeting, Membership, Minutes, Registration
from coalitions.tokens import unsubscribe_token

logger = logging.getLogger(__name__)

REMINDER_LEAD_TIME = dt.timedelta(hours=48)


# --- Building and sending -------------------------------------------------------------------------


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _recipients(coalition):
    """Current members who want coalition e-mails (the same "current" as permissions.is_member)."""
    return (Membership.objects.filter(coalition=coalition, left_on__isnull=True, email_notifications=True)
            .exclude(person__email="").select_related("person").order_by("pk"))


def _message(name: str, *, person, context: dict, membership=None,
             ics: bytes | None = None) -> EmailMultiAlternatives:
    """One rendered mail to `person`, in their language; links are built inside that language too."""
    with translation.override(person.language or settings.LANGUAGE_CODE):
        if membership is not None:
            token = unsubscribe_token(membership)
            preferences_url = _absolute(reverse("coalitions:unsubscribe", args=[token]))
        else:  # not a member (e.g. a regional coordinator who registered): their profile holds the choices
            preferences_url = _absolute(reverse("accounts:profile"))
        context = {**context, "person": person, "membership": membership, "preferences_url": preferences_url}
        if "meeting" in context:
            context["meeting_url"] = _absolute(context["meeting"].get_absolute_url())
        subject = " ".join(render_to_string(f"coalitions/emails/{name}_subject.txt", context).split())
        body = render_to_string(f"coalitions/emails/{name}_body.txt", context)
        html = render_to_string(f"coalitions/emails/{name}_body.html", context)
        mail = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email],
                                      headers={"List-Unsubscribe": f"<{preferences_url}>"})
        mail.attach_alternative(html, "text/html")
        if ics is not None:
            mail.attach("setkani.ics", ics, "text/calendar")
    return mail


def _meeting_ics(meeting, person) -> bytes:
    with translation.override(person.language or settings.LANGUAGE_CODE):
        return calendar_bytes(meeting.coalition.name, [meeting_entry(meeting)])


def _send(messages: list[EmailMultiAlternatives], what: str) -> int:
    """Send over one connection. A failing mail server is logged, never raised: the change is saved."""
    if not messages:
        return 0
    try:
        return mailers.default.send_messages(messages) or 0
    except OSError:  # SMTP errors are OSErrors
        logger.exception("Could not send %s (%d mails)", what, len(messages))
        return 0


def _meeting(pk: int):
    return Meeting.objects.select_related("coalition", "obec").get(pk=pk)


# --- Invitations ----------------------------------------------------------------------------------


def queue_invitations(meeting) -> bool:
    """Claim the meeting's invitations and send them after commit; False when they went out already.

    The claim is one `UPDATE … WHERE invitations_sent_at IS NULL`, so a double click, a second
    coordinator or a second app node can never send them twice."""
    claimed = Meeting.objects.filter(pk=meeting.pk, invitations_sent_at__isnull=True).update(
        invitations_sent_at=timezone.now())
    if claimed:
        transaction.on_commit(lambda: send_invitations(meeting.pk))
    return bool(claimed)


def send_invitations(meeting_pk: int) -> int:
    meeting = _meeting(meeting_pk)
    agenda = list(meeting.agenda.all())
    messages = [
        _message("meeting_invitation", person=m.person, membership=m, ics=_meeting_ics(meeting, m.person),
                 context={"meeting": meeting, "agenda": agenda})
        for m in _recipients(meeting.coalition)
    ]
    return _send(messages, f"invitations to meeting {meeting.pk}")


# --- Reminders ------------------------------------------------------------------------------------


def send_due_reminders(*, now: dt.datetime | None = None) -> tuple[int, int]:
    """Remind members of published, planned meetings starting within 48 hours; returns (meetings, mails).

    Each meeting is claimed with `UPDATE … WHERE reminders_sent_at IS NULL` before anything is sent, so
    running the command twice, or on two nodes at once, reminds everybody exactly once."""
    now = now or timezone.now()
    due = (Meeting.objects.published().filter(status=Meeting.Status.PLANNED, reminders_sent_at__isnull=True,
                                              starts_at__gt=now, starts_at__lte=now + REMINDER_LEAD_TIME)
           .values_list("pk", flat=True))
    meetings = mails = 0
    for pk in list(due):
        if Meeting.objects.filter(pk=pk, reminders_sent_at__isnull=True).update(reminders_sent_at=now):
            meetings += 1
            mails += send_reminders(pk)
    return meetings, mails


def send_reminders(meeting_pk: int) -> int:
    """Everyone who has not said they will not come (apologised or cancelled) gets a reminder."""
    meeting = _meeting(meeting_pk)
    declined = Registration.objects.filter(meeting=meeting, person=OuterRef("person"), status__in=[
        Registration.Status.APOLOGISED, Registration.Status.CANCELLED])
    registrations = dict(meeting.registrations.values_list("person_id", "status"))
    messages = [
        _message("meeting_reminder", person=m.person, membership=m, ics=_meeting_ics(meeting, m.person),
                 context={"meeting": meeting, "registration_status": registrations.get(m.person_id, "")})
        for m in _recipients(meeting.coalition).filter(~Exists(declined))
    ]
    return _send(messages, f"reminders of meeting {meeting.pk}")


# --- Registration ---------------------------------------------------------------------------------


def queue_registration_notice(registration, *, promoted: bool = False) -> None:
    """Confirm a registration (or a place on the waiting list, or a seat freed for a waiting person).

    Sent even to people who turned coalition e-mails off: they asked for this one by pressing a button,
    or they are waiting for exactly this news."""
    transaction.on_commit(lambda: send_registration_notice(registration.pk, promoted=promoted))


def send_registration_notice(registration_pk: int, *, promoted: bool = False) -> int:
    registration = Registration.objects.select_related("person", "meeting__coalition", "meeting__obec").get(
        pk=registration_pk)
    meeting, person = registration.meeting, registration.person
    if not person.email:
        return 0
    membership = Membership.objects.filter(coalition=meeting.coalition, person=person,
                                           left_on__isnull=True).first()
    registered = registration.status == Registration.Status.REGISTERED
    message = _message("meeting_registration", person=person, membership=membership,
                       ics=_meeting_ics(meeting, person) if registered else None,
                       context={"meeting": meeting, "registration": registration, "registered": registered,
                                "promoted": promoted})
    return _send([message], f"registration notice {registration.pk}")


# --- Minutes --------------------------------------------------------------------------------------


def queue_minutes_notice(minutes) -> None:
    """Tell members that minutes are out for comments or approved (the template follows the status)."""
    transaction.on_commit(lambda: send_minutes_notice(minutes.pk))


def send_minutes_notice(minutes_pk: int) -> int:
    minutes = Minutes.objects.select_related("meeting__coalition", "meeting__obec").get(pk=minutes_pk)
    names = {Minutes.Status.COMMENTS: "minutes_comments", Minutes.Status.APPROVED: "minutes_approved"}
    if minutes.status not in names:
        return 0
    meeting = minutes.meeting
    messages = [
        _message(names[minutes.status], person=m.person, membership=m,
                 context={"meeting": meeting, "minutes": minutes})
        for m in _recipients(meeting.coalition)
    ]
    return _send(messages, f"minutes notice {minutes.pk} ({minutes.status})")
