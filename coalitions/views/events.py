import calendar
import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from coalitions import emails, permissions
from coalitions.filters import EventFilter
from coalitions.forms.documents import PhotoForm
from coalitions.forms.meetings import AttendanceForm
from coalitions.models import Event, EventRegistration, Meeting
from core import pagecache, uploads
from core.pagecache import cache_public_page
from core.pagination import paginate


def _filtered_events(request):
    filterset = EventFilter(request.GET or None, queryset=Event.objects.published().select_related("kraj", "obec"))
    return filterset, filterset.qs


@cache_public_page("coalitions", "calendar")
def event_list(request):
    """Events of the region (fairs, round tables, conferences, courses), upcoming first."""
    filterset, events = _filtered_events(request)
    if not filterset.shows_past:
        events = events.upcoming()
    _page, pagination = paginate(request, events.order_by("starts_at"))
    today = timezone.localdate()
    return render(request, "coalitions/event_list.html", {
        **pagination, "form": filterset.form, "this_month": (today.year, today.month), "query": request.GET.urlencode(),
    })


@cache_public_page("coalitions")
def event_month(request, year, month):
    """A month as a calendar table: events and published coalition meetings, each day with its items."""
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        raise Http404
    filterset, events = _filtered_events(request)
    events = list(events.in_month(year, month).order_by("starts_at"))
    start = timezone.make_aware(dt.datetime(year, month, 1))
    end = timezone.make_aware(dt.datetime(year + month // 12, month % 12 + 1, 1))
    meetings = list(Meeting.objects.filter(permissions.visible_meetings_q(request.user), starts_at__lt=end, ends_at__gte=start)
                    .select_related("coalition").distinct().order_by("starts_at"))
    by_day = {}
    for item in [*events, *meetings]:
        day = timezone.localtime(item.starts_at).date()
        by_day.setdefault(day, []).append(item)
    weeks = [[(day, by_day.get(day, [])) if day.month == month else (None, []) for day in week]
             for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)]
    previous_month = (year - 1, 12) if month == 1 else (year, month - 1)
    next_month = (year + 1, 1) if month == 12 else (year, month + 1)
    return render(request, "coalitions/event_month.html", {
        "form": filterset.form, "weeks": weeks, "month_start": dt.date(year, month, 1), "items": [*events, *meetings],
        "previous_month": previous_month, "next_month": next_month, "query": request.GET.urlencode(),
    })


@cache_public_page("coalitions", "calendar")
def event_detail(request, slug):
    event = get_object_or_404(Event.objects.published().select_related("kraj", "obec"), slug=slug)
    registration = (EventRegistration.objects.filter(event=event, person=request.user).first()
                    if request.user.is_authenticated else None)
    counts = event.seat_counts() if event.registration_on_portal else {"registered": 0, "waiting": 0}
    can_manage = permissions.can_manage_event(request.user, event)
    return render(request, "coalitions/event_detail.html", {
        "event": event, "registration": registration if registration and registration.is_signed_up else None,
        "waiting_position": registration.waiting_position() if registration else None,
        "seats_left": None if event.capacity is None else max(0, event.capacity - counts["registered"]),
        "counts": counts, "photos": list(event.photos.all()), "can_manage": can_manage,
    })


@login_required
@uploads.size_limited_upload
def event_photo_upload(request, slug):
    """Regional coordinators of the event's kraj add photos of the event (EXIF stripped, thumbnail made)."""
    event = get_object_or_404(Event.objects.published(), slug=slug)
    if not permissions.can_manage_event(request.user, event):
        raise PermissionDenied
    form = PhotoForm(request.POST or None, request.FILES or None, coalition=None, event=event)
    if form.is_valid():
        photo = form.save(commit=False)
        photo.uploaded_by = request.user
        photo.save()
        messages.success(request, _("The photo was uploaded."))
        return redirect(event)
    return render(request, "coalitions/photo_form.html", {"event": event, "form": form})


@require_POST
@login_required
def event_register(request, slug):
    """Register for (or cancel) an event that takes registrations on the portal; a full event puts the person on
    its waiting list, and a cancelled seat goes to the first person waiting (core.registrations). Pressing a
    button twice changes nothing the second time."""
    event = get_object_or_404(Event.objects.published(), slug=slug, registration_on_portal=True)
    action = request.POST.get("action")
    if action not in ("register", "cancel"):
        messages.error(request, _("Choose to register or to cancel."))
        return redirect(event)
    if event.is_past:
        messages.error(request, _("This event is over."))
        return redirect(event)
    if action == "cancel":
        promoted = event.cancel_registration(request.user)
        if promoted is not None:
            emails.queue_event_registration_notice(promoted, promoted=True)
        messages.success(request, _("Your registration has been cancelled."))
        return redirect(event)
    registration = event.register(request.user)
    if registration.newly_signed_up:  # a repeated click mails nobody again
        emails.queue_event_registration_notice(registration)
    if registration.is_waiting:
        messages.warning(request, _("The event is full. You are on the waiting list; we will e-mail you if a "
                                    "place becomes free."))
    else:
        messages.success(request, _("You are registered. We look forward to seeing you."))
    return redirect(event)


@dataclass
class EventAttendee:
    person: object
    status: str
    attended: bool | None

    @property
    def label(self) -> str:
        return f"{self.person.public_name} ({self.status})"


@pagecache.invalidates("coalitions")  # writes registrations in bulk, which sends no signals
@login_required
@require_http_methods(["GET", "POST"])
def event_attendance(request, slug):
    """The event's coordinators see who registered and who waits, and tick who came."""
    event = get_object_or_404(Event.objects.published(), slug=slug, registration_on_portal=True)
    if not permissions.can_manage_event(request.user, event):
        raise PermissionDenied
    registrations = event.registrations.select_related("person").order_by("registered_at", "pk")
    rows = [EventAttendee(r.person, r.get_status_display(), r.attended) for r in registrations
            if r.is_signed_up or r.attended]
    form = AttendanceForm(request.POST if request.method == "POST" else None, people=rows,
                          initial={"present": [row.person.pk for row in rows if row.attended]})
    if form.is_valid():
        event.record_attendance(form.cleaned_data["present"], {row.person.pk for row in rows})
        messages.success(request, _("The attendance is saved."))
        return redirect(event)
    return render(request, "coalitions/event_attendance.html", {
        "event": event, "form": form, "rows": rows, "counts": event.seat_counts(),
    })
