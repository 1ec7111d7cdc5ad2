"""The e-mails of education: a registration for a term confirmed (or a place on its waiting list), a seat freed
for a waiting person, and an invitation to link one's education record to a provider. Sent after commit as
background tasks (core.mail.send_templated_later), rendered in the recipient's language."""

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from core.mail import absolute_url, in_language, send_templated_later


def queue_registration_notice(registration, *, promoted: bool = False) -> None:
    """Sent even to people who turned other e-mails off: they pressed the button, or they wait for this news."""
    person, term = registration.person, registration.term
    if not person.email:
        return
    with in_language(person.language):
        context = {"name": person.public_name, "programme": term.programme.title,
                   "when": date_format(timezone.localtime(term.starts_at), "DATETIME_FORMAT"),
                   "place": term.place or term.online_url, "registered": registration.is_registered,
                   "promoted": promoted, "url": absolute_url(term.get_absolute_url())}
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
