"""The e-mails of education: a registration for a term confirmed (or a place on its waiting list), a seat freed
for a waiting person, an invitation to link one's education record to a provider, and a reminder with the
calendar entry two days before a term. Sent after commit as background tasks (core.mail.send_templated_later),
the reminders by `manage.py send_term_reminders` (cron); rendered in the recipient's language."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from coalitions.ics import calendar_bytes
from core.mail import absolute_url, in_language, render_templated, send_messages, send_templated_later
from core.registrations import RegistrationStatus, claim_due_reminders
from education.ics import term_entry
from education.models import Term

REMINDER_LEAD_TIME = dt.timedelta(hours=48)


def queue_registration_notice(registration, *, promoted: bool = False) -> None:
    """Sent even to people who turned other e-mails off: they pressed the button, or they wait for this news."""
    person, term = registration.person, registration.term
    if not person.email:
        return
    with in_language(person.language):
        context = {**_term_context(term, person), "registered": registration.is_registered, "promoted": promoted}
    send_templated_later("education/emails/term_registration", context, [person.email], language=person.language,
                         what=f"term registration notice {registration.pk}")


def queue_invitation(worker) -> None:
    person = worker.person
    if not person.email:
        return
    with in_language(person.language):
        context = {"name": person.public_name, "provider": worker.provider.name, "role": worker.role.name,
                   "url": absolute_url(reverse("education:my-record"))}
    send_templated_later("education/emails/invitation", context, [person.email], language=person.language,
                         what=f"education invitation {worker.pk}")


def _term_context(term, person) -> dict:
    """What every mail about a term says of it, in the active language (plain values: it may go into a task)."""
    return {"name": person.public_name, "programme": term.programme.title,
            "when": date_format(timezone.localtime(term.starts_at), "DATETIME_FORMAT"),
            "place": term.place or term.online_url, "url": absolute_url(term.get_absolute_url())}


def send_due_term_reminders(*, now: dt.datetime | None = None) -> tuple[int, int]:
    """Remind the people registered for a planned term of a published programme starting within 48 hours (the
    waiting list hears when a seat frees); returns (terms, mails). Each term is claimed once."""
    terms = mails = 0
    due = Term.objects.published().filter(status=Term.Status.PLANNED)
    for pk in claim_due_reminders(due, lead_time=REMINDER_LEAD_TIME, now=now):
        terms += 1
        mails += send_term_reminders(pk)
    return terms, mails


def send_term_reminders(term_pk: int) -> int:
    term = Term.objects.select_related("programme", "obec").get(pk=term_pk)
    calendar = ("termin.ics", calendar_bytes(term.programme.title, [term_entry(term)]), "text/calendar")
    messages = []
    for registration in (term.registrations.filter(status=RegistrationStatus.REGISTERED)
                         .exclude(person__email="").select_related("person").order_by("pk")):
        person = registration.person
        with in_language(person.language):
            context = _term_context(term, person)
        messages.append(render_templated("education/emails/term_reminder", context, [person.email],
                                         language=person.language, attachments=[calendar]))
    return send_messages(messages, what=f"reminders of term {term.pk}")
