"""E-mails of the registry: reminders to provider staff whose free-place figures are outdated, and the daily
digest of saved searches whose services newly have free places.

Both are sent by management commands run daily from cron on any node (or on all): each mail is claimed
by a database write before it is sent (a unique reminder row per person and day; a saved search's
`checked_on` set by one conditional UPDATE), so nobody gets a mail twice. Mails are rendered in the
recipient's language (User.language) from `templates/services/emails/<name>_subject.txt`, `_body.txt`
and `_body.html`. Alert e-mails carry a signed link that stops them without logging in.
"""

import datetime as dt
import logging

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives, mailers
from django.db.models import Exists, OuterRef, Q
from django.http import QueryDict
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from accounts.models import User
from services.filters import ServiceFilter
from services.models import CapacityReminder, RegisteredCapacity, SavedSearch, Service, outdated_before

logger = logging.getLogger(__name__)

# A person with outdated figures is reminded at most once in this many days (the command runs daily).
REMINDER_INTERVAL_DAYS = 7
UNSUBSCRIBE_SALT = "services.alerts.unsubscribe"
UNSUBSCRIBE_MAX_AGE = 60 * 60 * 24 * 365


# --- Tokens of the unsubscribe links --------------------------------------------------------------


def unsubscribe_token(search: SavedSearch) -> str:
    return signing.dumps(search.pk, salt=UNSUBSCRIBE_SALT)


def saved_search_pk_from_token(token: str) -> int | None:
    """The saved search pk of a valid token; None for a forged, damaged or expired one."""
    try:
        value = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is a BadSignature too
        return None
    return value if isinstance(value, int) else None


# --- Building and sending -------------------------------------------------------------------------


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _message(name: str, *, person, context: dict, unsubscribe_url: str = "") -> EmailMultiAlternatives:
    """One rendered mail to `person`, in their language; links are built inside that language too."""
    with translation.override(person.language or settings.LANGUAGE_CODE):
        context = {**context, "person": person, "unsubscribe_url": unsubscribe_url,
                   "profile_url": _absolute(reverse("accounts:profile"))}
        if "services" in context:
            context["service_rows"] = [(service, _absolute(service.get_absolute_url()))
                                       for service in context["services"]]
        subject = " ".join(render_to_string(f"services/emails/{name}_subject.txt", context).split())
        body = render_to_string(f"services/emails/{name}_body.txt", context)
        html = render_to_string(f"services/emails/{name}_body.html", context)
    headers = {"List-Unsubscribe": f"<{unsubscribe_url}>"} if unsubscribe_url else {}
    mail = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email], headers=headers)
    mail.attach_alternative(html, "text/html")
    return mail


def _send(message: EmailMultiAlternatives, what: str) -> bool:
    """Send one mail. A failing mail server is logged, never raised; the caller releases its claim."""
    try:
        return bool(mailers.default.send_messages([message]))
    except OSError:  # SMTP errors are OSErrors
        logger.exception("Could not send %s", what)
        return False


# --- Reminders to provider staff ------------------------------------------------------------------


def services_needing_figures():
    """Active services with a registered capacity whose free-place figures are missing or outdated."""
    return (Service.objects.active()
            .filter(Exists(RegisteredCapacity.objects.filter(service=OuterRef("pk"))))
            .filter(Q(current_report_at__isnull=True) | Q(current_report_at__lt=outdated_before())))


def send_capacity_reminders(*, today: dt.date | None = None) -> int:
    """Remind provider staff whose services' figures are outdated; returns the number of mails sent.

    One mail per person listing all their services due, at most once in REMINDER_INTERVAL_DAYS. Each
    person is claimed by a unique (person, day) row before sending, so a second run (or node) skips them."""
    today = today or timezone.localdate()
    due = services_needing_figures()
    recently = CapacityReminder.objects.filter(
        user=OuterRef("pk"), sent_on__gt=today - dt.timedelta(days=REMINDER_INTERVAL_DAYS))
    people = (User.objects.filter(is_active=True, provider_links__provider__services__in=due.values("pk"))
              .exclude(email="").filter(~Exists(recently)).distinct().order_by("pk"))
    sent = 0
    for person in people:
        claim, created = CapacityReminder.objects.get_or_create(user=person, sent_on=today)
        if not created:
            continue
        services = list(due.filter(provider__staff_links__user=person)
                        .select_related("provider", "service_type").order_by("provider__name", "name", "pk"))
        mail = _message("capacity_reminder", person=person, context={
            "services": services, "max_age_days": settings.CAPACITY_REPORT_MAX_AGE_DAYS,
            "my_services_url": _absolute(_in_language(person, "services:my-services")),
        })
        if _send(mail, f"capacity reminder to person {person.pk}"):
            sent += 1
        else:
            claim.delete()  # try again on the next run
    return sent


def _in_language(person, name: str, *args) -> str:
    with translation.override(person.language or settings.LANGUAGE_CODE):
        return reverse(name, args=args)


# --- Free-place alerts of saved searches ----------------------------------------------------------


def search_results(query: str):
    """The services the search page shows for this query string (same filters, same defaults)."""
    return ServiceFilter(QueryDict(query or ""), queryset=Service.objects.all()).qs


def free_service_ids(query: str) -> list[int]:
    """Services of the search that have free places now (a fresh report with at least one)."""
    return sorted(search_results(query).with_free_places().order_by().values_list("pk", flat=True))


def send_free_place_alerts(*, today: dt.date | None = None) -> tuple[int, int]:
    """Check every saved search with alerts once a day; returns (searches checked, mails sent).

    A search mails its person only about services that have free places now and had none at the
    previous check (or were not in its results then): one mail listing them all, none when nothing is new.
    The day's check is claimed by `UPDATE … WHERE checked_on < today` before anything else, so running
    the command twice, or on two nodes at once, checks and mails each search once."""
    today = today or timezone.localdate()
    not_checked_today = Q(checked_on__isnull=True) | Q(checked_on__lt=today)
    due = SavedSearch.objects.filter(not_checked_today, alerts=True).values_list("pk", flat=True)
    checked = sent = 0
    for pk in list(due):
        if not SavedSearch.objects.filter(not_checked_today, pk=pk).update(checked_on=today):
            continue  # claimed by another run
        checked += 1
        search = SavedSearch.objects.select_related("user").get(pk=pk)
        now_free = free_service_ids(search.query)
        known = set(search.known_free or [])
        new = [service_pk for service_pk in now_free if service_pk not in known]
        person = search.user
        if new and person.is_active and person.email:
            services = list(Service.objects.filter(pk__in=new).select_related("provider", "service_type")
                            .order_by("name", "pk"))
            unsubscribe_url = _absolute(_in_language(person, "services:alerts-unsubscribe",
                                                     unsubscribe_token(search)))
            mail = _message("free_places_alert", person=person, unsubscribe_url=unsubscribe_url, context={
                "search": search, "services": services,
                "search_url": _absolute(_search_url(person, search)),
            })
            if not _send(mail, f"free-place alert of saved search {search.pk}"):
                SavedSearch.objects.filter(pk=pk).update(checked_on=None)  # try again on the next run
                continue
            sent += 1
            search.notified_at = timezone.now()
        search.known_free = now_free
        search.save(update_fields=["known_free", "notified_at"])
    return checked, sent


def _search_url(person, search: SavedSearch) -> str:
    path = _in_language(person, "services:index")
    return f"{path}?{search.query}" if search.query else path
