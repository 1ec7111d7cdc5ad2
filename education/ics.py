"""iCalendar (RFC 5545) entries of terms and consultations; the calendar around them is coalitions' (one
builder of calendars for the portal, coalitions.ics.calendar_bytes)."""

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from icalendar import Event as ICalEvent

from coalitions.ics import calendar_bytes

HOST = settings.SITE_URL.split("//")[-1]


def _entry(*, uid, title, starts_at, ends_at, description, location, url, cancelled=False) -> ICalEvent:
    entry = ICalEvent()
    entry.add("uid", f"{uid}@{HOST}")
    entry.add("dtstamp", timezone.now())
    entry.add("dtstart", starts_at)
    entry.add("dtend", ends_at)
    entry.add("summary", title)
    entry.add("description", description)
    if location:
        entry.add("location", location)
    if url:
        entry.add("url", url)
    entry.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return entry


def term_entry(term) -> ICalEvent:
    location = ", ".join(part for part in (term.place, term.online_url) if part)
    return _entry(uid=f"education-term-{term.pk}", title=term.programme.title, starts_at=term.starts_at,
                  ends_at=term.ends_at, description=term.programme.organiser, location=location,
                  url=settings.SITE_URL + term.get_absolute_url(), cancelled=term.is_cancelled)


def consultation_entry(consultation, title: str) -> ICalEvent:
    location = ", ".join(part for part in (consultation.place, consultation.online_url) if part)
    return _entry(uid=f"education-consultation-{consultation.pk}", title=title, starts_at=consultation.starts_at,
                  ends_at=consultation.ends_at, description="", location=location,
                  url=settings.SITE_URL + consultation.round.get_absolute_url(),
                  cancelled=consultation.status == consultation.Status.CANCELLED)


def ics_response(name: str, entries, filename: str) -> HttpResponse:
    response = HttpResponse(calendar_bytes(name, entries), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
