import calendar
import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from coalitions import permissions
from core import uploads
from coalitions.forms.documents import PhotoForm
from coalitions.filters import EventFilter
from coalitions.models import Event, EventRegistration, Meeting
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
    registered = (request.user.is_authenticated
                  and EventRegistration.objects.filter(event=event, person=request.user).exists())
    return render(request, "coalitions/event_detail.html", {
        "event": event, "registered": registered,
        "seats_left": None if event.capacity is None else max(0, event.capacity - event.registrations.count()),
        "photos": list(event.photos.all()), "can_manage": permissions.can_manage_event(request.user, event),
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
    """Register for (or cancel) an event that takes registrations on the portal."""
    event = get_object_or_404(Event.objects.published(), slug=slug, registration_on_portal=True)
    if request.POST.get("action") == "cancel":
        EventRegistration.objects.filter(event=event, person=request.user).delete()
        messages.success(request, _("Your registration has been cancelled."))
        return redirect(event)
    if event.is_past:
        messages.error(request, _("This event is over."))
        return redirect(event)
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if locked.capacity is not None and locked.registrations.count() >= locked.capacity:
            messages.error(request, _("Sorry, the event is full."))
            return redirect(event)
        try:
            with transaction.atomic():
                EventRegistration.objects.create(event=locked, person=request.user)
        except IntegrityError:
            pass  # a double submit: already registered
    messages.success(request, _("You are registered. We look forward to seeing you."))
    return redirect(event)
