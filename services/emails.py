"""E-mails of the registry: reminders to provider staff whose free-place figures are outdated, and the daily
digest of saved searches whose services newly have free places; and the report of an error in a record
to the registry's coordinators.

Both are sent by management commands run daily from cron on any node (or on all): each mail is claimed
by a database write before it is sent (a unique reminder row per person and day; a saved search's
`checked_on` set by one conditional UPDATE), so nobody gets a mail twice. Mails are rendered in the
recipient's language (User.language) by core.mail from `templates/services/emails/<name>_subject.txt`,
`_body.txt` and `_body.html`. Alert e-mails carry a signed link that stops them without logging in.

The correction report is stored by the view first and mailed by a background task enqueued on commit
(services.tasks): the person reporting sees the same thanks whether the mail server is up or not.
"""

import datetime as dt

from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.http import QueryDict
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from accounts.models import User
from core.mail import absolute_url, in_language, send_templated
from core.tasks import enqueue_on_commit
from core.tokens import ONE_YEAR, SignedToken
from services.filters import ServiceFilter
from services.models import (
    CapacityReminder,
    RecordCorrection,
    RegisteredCapacity,
    SavedSearch,
    Service,
    outdated_before,
)

# A person with outdated figures is reminded at most once in this many days (the command runs daily).
REMINDER_INTERVAL_DAYS = 7
UNSUBSCRIBE_SALT = "services.alerts.unsubscribe"
UNSUBSCRIBE_MAX_AGE = ONE_YEAR
# Same salt and format as before core.tokens: links in alerts already sent keep working.
UNSUBSCRIBE = SignedToken(UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)


# --- Tokens of the unsubscribe links --------------------------------------------------------------


def unsubscribe_token(search: SavedSearch) -> str:
    return UNSUBSCRIBE.make(search.pk)


def saved_search_pk_from_token(token: str) -> int | None:
    """The saved search pk of a valid token; None for a forged, damaged or expired one."""
    return UNSUBSCRIBE.read(token)


# --- Building -------------------------------------------------------------------------------------

_absolute = absolute_url


def _send(name: str, *, person, context: dict, what: str, unsubscribe_url: str = "") -> bool:
    """Render and send one mail to `person`, in their language (links too); False when the mail server
    failed (logged by core.mail): the caller releases its claim."""
    with in_language(person.language):
        context = {**context, "person": person, "unsubscribe_url": unsubscribe_url,
                   "profile_url": _absolute(reverse("accounts:profile"))}
        if "services" in context:
            context["service_rows"] = [(service, _absolute(service.get_absolute_url()))
                                       for service in context["services"]]
    headers = {"List-Unsubscribe": f"<{unsubscribe_url}>"} if unsubscribe_url else {}
    return send_templated(f"services/emails/{name}", context, [person.email], language=person.language,
                          headers=headers, what=what)


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
        if _send("capacity_reminder", person=person, what=f"capacity reminder to person {person.pk}", context={
            "services": services, "max_age_days": settings.CAPACITY_REPORT_MAX_AGE_DAYS,
            "my_services_url": _absolute(_in_language(person, "services:my-services")),
        }):
            sent += 1
        else:
            claim.delete()  # try again on the next run
    return sent


def _in_language(person, name: str, *args) -> str:
    with in_language(person.language):
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
            if not _send("free_places_alert", person=person, unsubscribe_url=unsubscribe_url,
                         what=f"free-place alert of saved search {search.pk}", context={
                             "search": search, "services": services,
                             "search_url": _absolute(_search_url(person, search)),
                         }):
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


# --- Reported errors in a record ------------------------------------------------------------------


def queue_correction_mail(report: RecordCorrection, *, language: str) -> None:
    """Mail a stored report to the coordinators once the transaction commits (a background task).
    `language` is the one the person wrote in, for the coordinators to know."""
    from services import tasks

    enqueue_on_commit(tasks.mail_correction, report.pk, language=language)


def send_correction_mail(report_pk: int, *, language: str) -> bool:
    """Tell the registry's coordinators (settings.CONTACT_EMAIL), in Czech: they work in Czech. Replies go
    to the person who reported the error, when they gave an address."""
    report = RecordCorrection.objects.select_related("service").get(pk=report_pk)
    service = report.service
    try:
        admin_url = _absolute(reverse("admin:services_recordcorrection_change", args=[report.pk]))
    except NoReverseMatch:  # not registered in the admin (yet)
        admin_url = ""
    with in_language(settings.LANGUAGE_CODE):
        context = {"report": report, "service": service, "language": language, "admin_url": admin_url,
                   "service_url": _absolute(service.get_absolute_url())}
    return send_templated("services/emails/correction", context, [settings.CONTACT_EMAIL],
                          language=settings.LANGUAGE_CODE, reply_to=[report.email] if report.email else None,
                          what=f"record correction {report.pk}")
