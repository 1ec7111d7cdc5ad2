"""iCalendar downloads (parsed with the icalendar library) and the Atom feeds: public material only."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest
from django.utils import timezone
from icalendar import Calendar

from coalitions.models import Registration
from coalitions.views.calendars import my_meetings_url
from tests.coalitions.factories import (
    CoalitionFactory,
    DocumentFactory,
    EventFactory,
    MeetingFactory,
    MinutesFactory,
)

pytestmark = pytest.mark.django_db


def parse(response):
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def summaries(calendar):
    return sorted(str(component["summary"]) for component in calendar.walk("VEVENT"))


def test_coalition_calendar_lists_published_meetings(client):
    coalition = CoalitionFactory(name="Koalice Azyl")
    MeetingFactory(coalition=coalition, title="První setkání")
    MeetingFactory(coalition=coalition, title="Tajné setkání", published=False)
    calendar = parse(client.get(f"/cs/koalice/{coalition.slug}/kalendar.ics"))
    assert summaries(calendar) == ["Koalice Azyl: První setkání"]
    event = calendar.walk("VEVENT")[0]
    assert event["dtstart"].dt.tzinfo is not None and "/setkani/" in str(event["url"])


def test_single_meeting_and_event_downloads(client):
    meeting = MeetingFactory(title="Setkání")
    assert summaries(parse(client.get(f"/cs/koalice/{meeting.coalition.slug}/setkani/{meeting.pk}/kalendar.ics"))) \
        == [f"{meeting.coalition.name}: Setkání"]
    hidden = MeetingFactory(published=False)
    assert client.get(f"/cs/koalice/{hidden.coalition.slug}/setkani/{hidden.pk}/kalendar.ics").status_code == 404
    event = EventFactory(title="Veletrh")
    assert summaries(parse(client.get(f"/cs/akce/{event.slug}/kalendar.ics"))) == ["Veletrh"]
    EventFactory(title="Skrytá akce", published=False)
    assert summaries(parse(client.get("/cs/akce/kalendar.ics"))) == ["Veletrh"]


def test_my_meetings_calendar_by_secret_url(client, user):
    mine = MeetingFactory(title="Moje setkání")
    MeetingFactory(title="Cizí setkání")
    Registration.objects.create(meeting=mine, person=user, status=Registration.Status.REGISTERED)
    url = my_meetings_url(user)
    calendar = parse(client.get(url))
    assert summaries(calendar) == [f"{mine.coalition.name}: Moje setkání"]
    assert client.get(url[:-8] + "xxxx.ics").status_code == 404
    assert client.get("/cs/koalice/moje-setkani/neplatny.ics").status_code == 404


def test_feeds_show_only_public_material(client):
    public = CoalitionFactory(visibility="public")
    members_only = CoalitionFactory(visibility="members")
    approved = MinutesFactory(meeting=MeetingFactory(coalition=public, title="Veřejné setkání"), status="approved",
                              approved_at=timezone.now())
    MinutesFactory(meeting=MeetingFactory(coalition=members_only, title="Interní setkání"), status="approved",
                   approved_at=timezone.now())
    MinutesFactory(meeting=MeetingFactory(coalition=public, title="Rozpracované setkání"), status="draft")
    DocumentFactory(coalition=public, title="Veřejná metodika")
    DocumentFactory(coalition=public, title="Interní analýza", kind="capacity_analysis", public=False)
    MeetingFactory(title="Nezveřejněné", published=False)
    minutes = client.get("/cs/koalice/rss/zapisy/").content.decode()
    ET.fromstring(minutes)
    assert "Veřejné setkání" in minutes and "Interní setkání" not in minutes and "Rozpracované" not in minutes
    outputs = client.get("/cs/koalice/rss/vystupy/").content.decode()
    assert "Veřejná metodika" in outputs and "Interní analýza" not in outputs
    meetings = client.get("/cs/koalice/rss/setkani/").content.decode()
    ET.fromstring(meetings)
    assert "Veřejné setkání" in meetings and "Nezveřejněné" not in meetings
    assert approved.meeting.get_absolute_url() in minutes


def test_events_have_an_atom_feed_and_every_feed_is_linked_from_the_page_it_follows(client):
    EventFactory(title="Veletrh sociálních služeb Kladno", description="Přijďte **všichni**.")
    EventFactory(title="Nezveřejněná akce", published=False)
    feed = client.get("/cs/akce/novinky.atom")
    assert feed.status_code == 200 and feed["Content-Type"].startswith("application/atom+xml")
    body = feed.content.decode()
    ET.fromstring(body)
    assert "Veletrh sociálních služeb Kladno" in body and "Nezveřejněná akce" not in body
    assert "&lt;strong&gt;všichni&lt;/strong&gt;" in body  # the description's markdown, rendered and escaped
    events_page = client.get("/cs/akce/").content.decode()
    assert 'rel="alternate" type="application/atom+xml"' in events_page and 'href="/cs/akce/novinky.atom"' in events_page
    coalitions_page = client.get("/cs/koalice/").content.decode()
    for address in ("/cs/koalice/rss/setkani/", "/cs/koalice/rss/zapisy/"):
        assert coalitions_page.count(f'href="{address}"') == 2  # <link rel="alternate"> and a visible link


def test_sitemap_lists_public_coalition_pages(client):
    coalition = CoalitionFactory(slug="azylove-bydleni")
    MeetingFactory(coalition=coalition, title="Veřejné")
    hidden = MeetingFactory(coalition=coalition, published=False)
    EventFactory(slug="veletrh")
    xml = client.get("/sitemap.xml").content.decode()
    assert "/cs/koalice/azylove-bydleni/" in xml and "/cs/akce/veletrh/" in xml
    assert f"/setkani/{hidden.pk}/" not in xml


def test_home_lists_upcoming_meetings_and_events(client):
    EventFactory(title="Veletrh na náměstí")
    MeetingFactory(title="Setkání koalice brzy")
    MeetingFactory(title="Proběhlé setkání", starts_at=timezone.now() - dt.timedelta(days=3),
                   ends_at=timezone.now() - dt.timedelta(days=3) + dt.timedelta(hours=2))
    html = client.get("/cs/").content.decode()
    assert "Veletrh na náměstí" in html and "Setkání koalice brzy" in html and "Proběhlé setkání" not in html


def test_profile_lists_my_coalitions_meetings_and_calendar(client, user):
    from tests.coalitions.factories import MembershipFactory

    membership = MembershipFactory(person=user)
    meeting = MeetingFactory(coalition=membership.coalition, title="Moje příští setkání")
    Registration.objects.create(meeting=meeting, person=user, status=Registration.Status.REGISTERED)
    client.force_login(user)
    html = client.get("/cs/ucet/profil/").content.decode()
    assert membership.coalition.name in html and "Moje příští setkání" in html
    # The signed token carries its time of signing: compare the address up to it, not the second it was made.
    assert my_meetings_url(user).replace("/en/", "/cs/").rsplit(":", 2)[0] in html
