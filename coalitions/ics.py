"""iCalendar (RFC 5545) for meetings and events, built with the icalendar library."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event as ICalEvent


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Portal socialnich sluzeb//CS")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _location(obj) -> str:
    parts = [obj.address if hasattr(obj, "address") else getattr(obj, "place", "")]
    if getattr(obj, "online_url", ""):
        parts.append(obj.online_url)
    return ", ".join(p for p in parts if p)


def _entry(*, uid: str, title: str, starts_at, ends_at, description: str, location: str, url: str,
           cancelled: bool = False, sequence: int = 0) -> ICalEvent:
    entry = ICalEvent()
    entry.add("uid", uid)
    entry.add("dtstamp", timezone.now())
    entry.add("dtstart", starts_at)
    entry.add("dtend", ends_at)
    entry.add("summary", title)
    entry.add("description", description)
    if location:
        entry.add("location", location)
    entry.add("url", url)
    entry.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    entry.add("sequence", sequence)
    return entry


def meeting_entry(meeting) -> ICalEvent:
    return _entry(uid=f"meeting-{meeting.pk}@{settings.SITE_URL.split('//')[-1]}",
                  title=f"{meeting.coalition.name}: {meeting.title}", starts_at=meeting.starts_at,
                  ends_at=meeting.ends_at, description=meeting.series_label, location=_location(meeting),
                  url=settings.SITE_URL + meeting.get_absolute_url(), cancelled=meeting.status == "cancelled")


def event_entry(event) -> ICalEvent:
    return _entry(uid=f"event-{event.pk}@{settings.SITE_URL.split('//')[-1]}", title=event.title,
                  starts_at=event.starts_at, ends_at=event.ends_at, description=event.organiser,
                  location=event.place, url=settings.SITE_URL + event.get_absolute_url())


def calendar_bytes(name: str, entries) -> bytes:
    calendar = _calendar(name)
    for entry in entries:
        calendar.add_component(entry)
    return calendar.to_ical()
