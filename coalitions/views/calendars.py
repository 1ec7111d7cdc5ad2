"""iCalendar downloads and feeds, and the Atom feeds of new meetings, approved minutes and outputs.

Feeds and calendars show only what the public may see, except "my meetings", which is reached by a
personal secret URL (a signed token) and lists the meetings the person registered for.
"""

from django.contrib.syndication.views import Feed
from django.core import signing
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from coalitions import ics, permissions
from coalitions.models import Coalition, Document, Event, Meeting, Minutes, Registration
from core.markdown import render_markdown
from core.pagecache import cache_public_page

MY_MEETINGS_SALT = "coalitions.my-meetings"


def _ics_response(name: str, entries, filename: str) -> HttpResponse:
    response = HttpResponse(ics.calendar_bytes(name, entries), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def my_meetings_token(user) -> str:
    return signing.dumps(user.pk, salt=MY_MEETINGS_SALT, compress=True)


def my_meetings_url(user) -> str:
    return reverse("coalitions:my-meetings-ics", args=[my_meetings_token(user)])


def my_meetings_ics(request, token):
    """The meetings a person registered for, for their calendar app (no login: the URL is the secret)."""
    try:
        person_pk = signing.loads(token, salt=MY_MEETINGS_SALT)
    except signing.BadSignature:
        raise Http404 from None
    person = get_object_or_404(User, pk=person_pk, is_active=True)
    meetings = (Meeting.objects.published().filter(registrations__person=person, registrations__status__in=[
        Registration.Status.REGISTERED, Registration.Status.WAITING]).select_related("coalition"))
    return _ics_response(str(_("My meetings")), [ics.meeting_entry(m) for m in meetings], "moje-setkani.ics")


@cache_public_page("coalitions")
def coalition_ics(request, slug):
    coalition = get_object_or_404(Coalition, slug=slug)
    meetings = coalition.meetings.published().select_related("coalition")
    return _ics_response(coalition.name, [ics.meeting_entry(m) for m in meetings], f"{coalition.slug}.ics")


@cache_public_page("coalitions")
def meeting_ics(request, slug, pk):
    meeting = get_object_or_404(Meeting.objects.select_related("coalition"), pk=pk, coalition__slug=slug)
    if not permissions.can_see_meeting(request.user, meeting):
        raise Http404
    return _ics_response(meeting.title, [ics.meeting_entry(meeting)], f"setkani-{meeting.pk}.ics")


@cache_public_page("coalitions")
def events_ics(request):
    events = Event.objects.published().order_by("starts_at")
    return _ics_response(str(_("Events of social services")), [ics.event_entry(e) for e in events], "akce.ics")


@cache_public_page("coalitions")
def event_ics(request, slug):
    event = get_object_or_404(Event.objects.published(), slug=slug)
    return _ics_response(event.title, [ics.event_entry(event)], f"{event.slug}.ics")


@method_decorator(cache_public_page("coalitions"), name="__call__")
class _AtomFeed(Feed):
    feed_type = Atom1Feed

    def item_pubdate(self, item):
        return self.item_date(item)


class NewMeetingsFeed(_AtomFeed):
    title = _("New meetings of coalitions")
    description = _("Meetings of partnership coalitions and working groups, newest first.")

    def link(self):
        return reverse("coalitions:index")

    def items(self):
        return Meeting.objects.published().select_related("coalition").order_by("-created_at")[:50]

    def item_title(self, item):
        return f"{item.coalition.name}: {item.title}"

    def item_description(self, item):
        return f"{date_format(timezone.localtime(item.starts_at), 'SHORT_DATETIME_FORMAT')} {item.series_label}"

    def item_date(self, item):
        return item.created_at


class UpcomingEventsFeed(_AtomFeed):
    """Events of the calendar (fairs, conferences, courses), newest announcements first; the events page
    links to it next to the iCalendar subscription."""

    title = _("Events of social services in the region")
    description = _("Fairs, round tables, conferences, courses and supervision, as they are announced.")

    def link(self):
        return reverse("coalitions:events")

    def items(self):
        return Event.objects.published().order_by("-created_at", "-pk")[:50]

    def item_title(self, item):
        when = date_format(timezone.localtime(item.starts_at), "SHORT_DATETIME_FORMAT")
        return f"{item.title} ({when})"

    def item_description(self, item):
        return render_markdown(item.description)

    def item_date(self, item):
        return item.created_at


class ApprovedMinutesFeed(_AtomFeed):
    title = _("Approved minutes of coalitions")
    description = _("Minutes of meetings approved by the coalitions, newest first.")

    def link(self):
        return reverse("coalitions:index")

    def items(self):
        return (Minutes.objects.filter(status=Minutes.Status.APPROVED, meeting__published=True,
                                       meeting__coalition__visibility=Coalition.Visibility.PUBLIC)
                .select_related("meeting__coalition").order_by("-approved_at")[:50])

    def item_title(self, item):
        return f"{item.meeting.coalition.name}: {item.meeting.title}"

    def item_description(self, item):
        return item.text[:500]

    def item_link(self, item):
        return item.meeting.get_absolute_url()

    def item_date(self, item):
        return item.approved_at


class NewOutputsFeed(_AtomFeed):
    title = _("New outputs of coalitions")
    description = _("Methodologies, capacity analyses, good practice and project plans, newest first.")

    def link(self):
        return reverse("coalitions:outputs")

    def items(self):
        return (Document.objects.filter(public=True, kind__in=Document.OUTPUT_KINDS)
                .select_related("coalition").order_by("-published_on", "-pk")[:50])

    def item_title(self, item):
        return f"{item.title} ({item.get_kind_display()})"

    def item_description(self, item):
        return item.description

    def item_link(self, item):
        return reverse("coalitions:document", args=[item.pk])

    def item_date(self, item):
        from datetime import datetime, time

        from django.utils import timezone

        return timezone.make_aware(datetime.combine(item.published_on, time(12)))
