"""The coordinator's dashboard (/koordinace/): what needs attention in the kraje a regional coordinator
manages, each number a link to the admin list filtered to exactly those records.

`attention_items(user)` computes the numbers in a fixed number of queries (one per kind of record, however
many records there are); the page only renders them. Regional coordinators and superusers see it; for
everyone else it is a 403 (anonymous visitors are sent to log in).
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q, prefetch_related_objects
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts import permissions as account_permissions
from coalitions.models import AgendaItem, Meeting, Minutes, Task
from services.models import CapacityReport, ImportRun, RecordCorrection, Service, outdated_before
from territory.models import home_kraj

SESSION_FLAG = "portal_dashboard"  # templates/base.html reads request.session.portal_dashboard


@dataclass
class Item:
    """One number that needs attention, with the filtered list it links to."""

    key: str
    section: str | Promise
    label: str | Promise
    count: int
    url: str


@dataclass
class LastImport:
    run: object
    problems: int
    url: str  # the run's report in the admin, problems included


def can_see_dashboard(user) -> bool:
    """Regional coordinators (of at least one kraj) and superusers."""
    return account_permissions.is_regional_coordinator(user)


def remember_dashboard(sender, request, user, **kwargs) -> None:
    """On login, note in the session whether the menu shows the dashboard: no query on every page."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_FLAG] = can_see_dashboard(user)


def _admin_list(name: str, **params) -> str:
    url = reverse(f"admin:{name}_changelist")
    return f"{url}?{urlencode(params)}" if params else url


def registry_items(kraje: list) -> list[Item]:
    """Scoped like the registry's admin (Service.objects.in_kraje), linked to its own list filters."""
    services = Service.objects.in_kraje(kraje)
    outdated = services.active().filter(
        Q(current_report_at__isnull=True) | Q(current_report_at__lt=outdated_before())).count()
    in_scope = Q(service__in=services.values("pk"))
    unverified = CapacityReport.objects.filter(in_scope, verified_at__isnull=True).count()
    corrections = RecordCorrection.objects.filter(in_scope, resolved_at__isnull=True).count()
    section = _("Registry")
    return [
        Item("outdated", section, _("Services with outdated or no free-place figures"), outdated,
             _admin_list("services_service", status="active", report="outdated")),
        Item("unverified", section, _("Capacity reports waiting for verification"), unverified,
             _admin_list("services_capacityreport", verified_at__isempty="1")),
        Item("corrections", section, _("Reported errors in records, not resolved"), corrections,
             _admin_list("services_recordcorrection", resolved_at__isempty="1")),
    ]


def moderation_items(user, kraje: list) -> list[Item]:
    """Pending flags and posts waiting for approval: topic categories belong to the installation's kraj,
    coalition boards and offers to their own kraj."""
    try:
        from discussions.models import Flag, Post, Thread
        from discussions.offers.models import Offer
    except ImportError:  # the forum is optional for the dashboard
        return []

    home = home_kraj()
    in_scope = Q(category__coalition__kraj__in=kraje)
    if home is not None and home.pk in kraje:
        in_scope |= Q(category__coalition__isnull=True)
    threads = Thread.objects.filter(in_scope).values("pk")
    posts = Post.objects.filter(thread__in=threads).values("pk")
    offers = Offer.objects.filter(kraj__in=kraje).values("pk")
    flagged = Flag.objects.pending().aggregate(
        posts=Count("object_id", distinct=True, filter=Q(content_type__app_label="discussions",
                                                         content_type__model="post", object_id__in=posts)),
        offers=Count("object_id", distinct=True, filter=Q(content_type__app_label="offers",
                                                          content_type__model="offer", object_id__in=offers)))
    pending = Post.objects.pending().filter(is_hidden=False, thread__in=threads).count()
    count = (flagged["posts"] or 0) + (flagged["offers"] or 0) + pending
    label = _("Reported posts and offers, and posts waiting for approval")
    return [Item("moderation", _("Forum"), label, count, reverse("discussions:queue"))]


def coalition_items(kraje: list) -> list[Item]:
    now = timezone.now()
    has_agenda = Exists(AgendaItem.objects.filter(meeting=OuterRef("pk")))
    approved = Exists(Minutes.objects.filter(meeting=OuterRef("pk"), status=Minutes.Status.APPROVED))
    meetings = Meeting.objects.filter(coalition__kraj__in=kraje).annotate(
        has_agenda=has_agenda, has_approved_minutes=approved).aggregate(
        no_agenda=Count("pk", filter=Q(status=Meeting.Status.PLANNED, ends_at__gte=now, has_agenda=False)),
        no_minutes=Count("pk", filter=Q(status=Meeting.Status.HELD, has_approved_minutes=False)))
    overdue = Task.objects.filter(coalition__kraj__in=kraje, status=Task.Status.OPEN,
                                  deadline__lt=timezone.localdate()).count()
    section = _("Coalitions")
    return [
        Item("no_agenda", section, _("Upcoming meetings without an agenda"), meetings["no_agenda"],
             _admin_list("coalitions_meeting", when="upcoming", status__exact=Meeting.Status.PLANNED,
                         agenda="none")),
        Item("no_minutes", section, _("Held meetings without approved minutes"), meetings["no_minutes"],
             _admin_list("coalitions_meeting", status__exact=Meeting.Status.HELD, minutes="unapproved")),
        Item("overdue_tasks", section, _("Overdue tasks"), overdue,
             _admin_list("coalitions_task", overdue="yes")),
    ]


def last_import(user) -> LastImport | None:
    run = ImportRun.objects.visible_to(user).order_by("-created_at", "-pk").first()
    if run is None:
        return None
    problems = len(run.problems or []) + int((run.counts or {}).get("problems_left_off", 0) or 0)
    url = reverse("admin:services_importrun_change", args=[run.pk])
    return LastImport(run=run, problems=problems, url=url)


def attention_items(user, kraje: list | None = None) -> list[Item]:
    """Everything that needs attention in the person's kraje, as numbers with links (fixed queries)."""
    if kraje is None:
        kraje = list(account_permissions.coordinated_kraje(user).values_list("pk", flat=True))
    return [*registry_items(kraje), *moderation_items(user, kraje), *coalition_items(kraje)]


@login_required
def dashboard(request):
    """The coordinator's dashboard: numbers of what needs attention in their kraje, linked to the lists."""
    user = request.user
    prefetch_related_objects([user], "groups")  # the role questions below then ask no more queries
    if not can_see_dashboard(user):
        if request.session.get(SESSION_FLAG):
            request.session[SESSION_FLAG] = False  # the role was taken away: the menu link goes too
        raise PermissionDenied
    if not request.session.get(SESSION_FLAG):
        request.session[SESSION_FLAG] = True  # a role given after the login: the menu shows it from now on
    kraje = list(account_permissions.coordinated_kraje(user).order_by("name"))
    items = attention_items(user, [kraj.pk for kraj in kraje])
    sections: dict = {}
    for item in items:
        sections.setdefault(item.section, []).append(item)
    return render(request, "portal/dashboard.html", {
        "kraje": kraje, "sections": sections.items(), "last_import": last_import(user),
        "max_age_days": settings.CAPACITY_REPORT_MAX_AGE_DAYS})
