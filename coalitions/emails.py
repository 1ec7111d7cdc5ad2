"""E-mails of coalitions: invitations to a published meeting, reminders two days before it, confirmations
of registration for a meeting or an event (and of a seat freed for a waiting person), and notices when minutes
go out for comments or are approved; reminders of portal events to the people registered for them.

Every mail is rendered in its recipient's language (User.language) by core.mail from a template triple
`templates/coalitions/emails/<name>_subject.txt`, `_body.txt` and `_body.html`, and carries a link that
stops coalition e-mails without logging in (a signed token, coalitions.tokens). Views and model methods
call the `queue_*` functions: they enqueue a background task (coalitions.tasks) when the transaction
commits, so the request does not wait for the mail server and a rolled-back change mails nobody. The
reminders are sent by `manage.py send_meeting_reminders` (cron), which is in the background already.
"""

import datetime as dt

from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from coalitions import tasks
from coalitions.ics import calendar_bytes, event_entry, meeting_entry
from coalitions.models import Event, EventRegistration, Meeting, Membership, Minutes, Registration
from coalitions.tokens import unsubscribe_token
from core.mail import absolute_url, in_language, render_templated, send_messages
from core.registrations import claim_due_reminders
from core.tasks import enqueue_on_commit

REMINDER_LEAD_TIME = dt.timedelta(hours=48)


# --- Building -------------------------------------------------------------------------------------


def _recipients(coalition):
    """Current members who want coalition e-mails (the same "current" as permissions.is_member)."""
    return (Membership.objects.current().filter(coalition=coalition, email_notifications=True)
            .exclude(person__email="").select_related("person").order_by("pk"))


def _message(name: str, *, person, context: dict, membership=None, calendar_entry: bool = False):
    """One rendered mail to `person`, in their language; links are built inside that language too."""
    with in_language(person.language):
        if membership is not None:
            preferences_url = absolute_url(reverse("coalitions:unsubscribe", args=[unsubscribe_token(membership)]))
        else:  # not a member (e.g. a regional coordinator who registered): their profile holds the choices
            preferences_url = absolute_url(reverse("accounts:profile"))
        context = {**context, "person": person, "membership": membership, "preferences_url": preferences_url}
        attachments = []
        if "event" in context:
            event = context["event"]
            context["event_url"] = absolute_url(event.get_absolute_url())
            if calendar_entry:
                attachments.append(("akce.ics", calendar_bytes(event.title, [event_entry(event)]), "text/calendar"))
        if "meeting" in context:
            meeting = context["meeting"]
            context["meeting_url"] = absolute_url(meeting.get_absolute_url())
            if calendar_entry:
                attachments.append(("setkani.ics", calendar_bytes(meeting.coalition.name, [meeting_entry(meeting)]),
                                    "text/calendar"))
    return render_templated(f"coalitions/emails/{name}", context, [person.email], language=person.language,
                            headers={"List-Unsubscribe": f"<{preferences_url}>"}, attachments=attachments)


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
        enqueue_on_commit(tasks.send_invitations, meeting.pk)
    return bool(claimed)


def send_invitations(meeting_pk: int) -> int:
    meeting = _meeting(meeting_pk)
    agenda = list(meeting.agenda.all())
    messages = [
        _message("meeting_invitation", person=m.person, membership=m, calendar_entry=True,
                 context={"meeting": meeting, "agenda": agenda})
        for m in _recipients(meeting.coalition)
    ]
    return send_messages(messages, what=f"invitations to meeting {meeting.pk}")


# --- Reminders ------------------------------------------------------------------------------------


def send_due_reminders(*, now: dt.datetime | None = None) -> tuple[int, int]:
    """Remind members of published, planned meetings starting within 48 hours; returns (meetings, mails).
    Each meeting is claimed once (core.registrations.claim_due_reminders), however often the job runs."""
    meetings = mails = 0
    for pk in claim_due_reminders(Meeting.objects.published().filter(status=Meeting.Status.PLANNED),
                                  lead_time=REMINDER_LEAD_TIME, now=now):
        meetings += 1
        mails += send_reminders(pk)
    return meetings, mails


def send_due_event_reminders(*, now: dt.datetime | None = None) -> tuple[int, int]:
    """Remind the people registered on the portal for a published event starting within 48 hours (those on the
    waiting list are told when a seat frees, not before); returns (events, mails)."""
    events = mails = 0
    for pk in claim_due_reminders(Event.objects.filter(published=True, registration_on_portal=True),
                                  lead_time=REMINDER_LEAD_TIME, now=now):
        events += 1
        mails += send_event_reminders(pk)
    return events, mails


def send_event_reminders(event_pk: int) -> int:
    event = Event.objects.select_related("obec").get(pk=event_pk)
    registrations = (event.registrations.filter(status=EventRegistration.Status.REGISTERED)
                     .exclude(person__email="").select_related("person").order_by("pk"))
    messages = [_message("event_reminder", person=r.person, calendar_entry=True, context={"event": event})
                for r in registrations]
    return send_messages(messages, what=f"reminders of event {event.pk}")


def send_reminders(meeting_pk: int) -> int:
    """Everyone who has not said they will not come (apologised or cancelled) gets a reminder."""
    meeting = _meeting(meeting_pk)
    declined = Registration.objects.filter(meeting=meeting, person=OuterRef("person"), status__in=[
        Registration.Status.APOLOGISED, Registration.Status.CANCELLED])
    registrations = dict(meeting.registrations.values_list("person_id", "status"))
    messages = [
        _message("meeting_reminder", person=m.person, membership=m, calendar_entry=True,
                 context={"meeting": meeting, "registration_status": registrations.get(m.person_id, "")})
        for m in _recipients(meeting.coalition).filter(~Exists(declined))
    ]
    return send_messages(messages, what=f"reminders of meeting {meeting.pk}")


# --- Registration ---------------------------------------------------------------------------------


def queue_registration_notice(registration, *, promoted: bool = False) -> None:
    """Confirm a registration (or a place on the waiting list, or a seat freed for a waiting person).

    Sent even to people who turned coalition e-mails off: they asked for this one by pressing a button,
    or they are waiting for exactly this news."""
    enqueue_on_commit(tasks.send_registration_notice, registration.pk, promoted=promoted)


def send_registration_notice(registration_pk: int, *, promoted: bool = False) -> int:
    registration = Registration.objects.select_related("person", "meeting__coalition", "meeting__obec").get(
        pk=registration_pk)
    meeting, person = registration.meeting, registration.person
    if not person.email:
        return 0
    membership = Membership.objects.current().filter(coalition=meeting.coalition, person=person).first()
    registered = registration.status == Registration.Status.REGISTERED
    message = _message("meeting_registration", person=person, membership=membership, calendar_entry=registered,
                       context={"meeting": meeting, "registration": registration, "registered": registered,
                                "promoted": promoted})
    return send_messages([message], what=f"registration notice {registration.pk}")


def queue_event_registration_notice(registration, *, promoted: bool = False) -> None:
    """The same confirmations for a portal-wide event (registered, waiting, or a seat freed for a waiting person)."""
    enqueue_on_commit(tasks.send_event_registration_notice, registration.pk, promoted=promoted)


def send_event_registration_notice(registration_pk: int, *, promoted: bool = False) -> int:
    registration = EventRegistration.objects.select_related("person", "event__obec").get(pk=registration_pk)
    event, person = registration.event, registration.person
    if not person.email:
        return 0
    registered = registration.status == EventRegistration.Status.REGISTERED
    message = _message("event_registration", person=person, calendar_entry=registered,
                       context={"event": event, "registration": registration, "registered": registered,
                                "promoted": promoted})
    return send_messages([message], what=f"event registration notice {registration.pk}")


# --- Minutes --------------------------------------------------------------------------------------


def queue_minutes_notice(minutes) -> None:
    """Tell members that minutes are out for comments or approved (the template follows the status)."""
    enqueue_on_commit(tasks.send_minutes_notice, minutes.pk, status=str(minutes.status))


def send_minutes_notice(minutes_pk: int, *, status: str | None = None) -> int:
    """The notice of `status` (the minutes' status when it was queued); none when the minutes have moved on
    since (e.g. approved before the worker got to the "for comments" notice: only the approval is news)."""
    minutes = Minutes.objects.select_related("meeting__coalition", "meeting__obec").get(pk=minutes_pk)
    names = {Minutes.Status.COMMENTS: "minutes_comments", Minutes.Status.APPROVED: "minutes_approved"}
    if minutes.status not in names or (status is not None and minutes.status != status):
        return 0
    meeting = minutes.meeting
    messages = [
        _message(names[minutes.status], person=m.person, membership=m,
                 context={"meeting": meeting, "minutes": minutes})
        for m in _recipients(meeting.coalition)
    ]
    return send_messages(messages, what=f"minutes notice {minutes.pk} ({minutes.status})")
