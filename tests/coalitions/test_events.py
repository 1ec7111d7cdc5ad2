"""Events calendar: list with filters, month view, event page, registration on the portal."""

import datetime as dt

import pytest
from django.utils import timezone

from coalitions.models import EventRegistration
from territory.models import Kraj
from tests.coalitions.factories import EventFactory, MeetingFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def test_list_shows_upcoming_published_events_with_filters(client):
    fair = EventFactory(title="Veletrh služeb", kind="fair")
    EventFactory(title="Kulatý stůl", kind="round_table")
    EventFactory(title="Loňská konference", starts_at=timezone.now() - dt.timedelta(days=300))
    EventFactory(title="Nezveřejněná akce", published=False)
    html = client.get("/en/events/").content.decode()
    assert "Veletrh služeb" in html and "Kulatý stůl" in html
    assert "Loňská konference" not in html and "Nezveřejněná akce" not in html
    html = client.get("/en/events/", {"kind": "fair"}).content.decode()
    assert "Veletrh služeb" in html and "Kulatý stůl" not in html
    assert "Loňská konference" in client.get("/en/events/", {"past": "on"}).content.decode()
    assert fair.get_absolute_url() in html


@pytest.mark.parametrize("query", [{"kind": "nonsense"}, {"kraj": "abc"}, {"page": "99999"}])
def test_bad_filters_never_fail(client, query):
    EventFactory()
    assert client.get("/cs/akce/", query).status_code == 200


def test_month_view_shows_events_and_public_meetings(client):
    starts = timezone.make_aware(dt.datetime(2027, 3, 10, 9, 0))
    EventFactory(title="Veletrh v březnu", starts_at=starts, ends_at=starts + dt.timedelta(hours=5))
    MeetingFactory(title="Setkání v březnu", starts_at=starts + dt.timedelta(days=2),
                   ends_at=starts + dt.timedelta(days=2, hours=3))
    MeetingFactory(title="Nezveřejněné setkání", published=False, starts_at=starts,
                   ends_at=starts + dt.timedelta(hours=2))
    response = client.get("/cs/akce/2027/3/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Veletrh v březnu" in html and "Setkání v březnu" in html and "Nezveřejněné setkání" not in html
    assert "<caption>" in html and "březen 2027" in html.lower()
    assert client.get("/cs/akce/2027/13/").status_code == 404


def test_month_view_runs_fixed_queries(client, django_assert_num_queries):
    starts = timezone.make_aware(dt.datetime(2027, 3, 10, 9, 0))
    for day in range(8):
        EventFactory(starts_at=starts + dt.timedelta(days=day), ends_at=starts + dt.timedelta(days=day, hours=2))
        MeetingFactory(starts_at=starts + dt.timedelta(days=day), ends_at=starts + dt.timedelta(days=day, hours=2))
    client.get("/cs/")
    with django_assert_num_queries(3):  # events, meetings, the kraj choices of the filter
        client.get("/cs/akce/2027/3/")


def test_event_page_and_registration(client, user, mailoutbox, django_capture_on_commit_callbacks):
    """One registration implementation (core.registrations): a full event takes people on its waiting list and a
    cancelled seat goes to the first person waiting, who is told by e-mail."""
    event = EventFactory(registration_on_portal=True, capacity=1)
    html = client.get(event.get_absolute_url()).content.decode()
    assert event.title in html and "kalendar.ics" in html
    url = f"/cs/akce/{event.slug}/registrace/"
    assert client.post(url, {"action": "register"}).status_code == 302
    assert not EventRegistration.objects.exists()  # anonymous: sent to log in
    client.force_login(user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "register"})
        client.post(url, {"action": "register"})  # posted twice: one registration, one e-mail
    assert EventRegistration.objects.get(event=event, person=user).status == "registered"
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [user.email]
    assert mailoutbox[0].attachments[0][0] == "akce.ics"
    other = MembershipFactory().person
    client.force_login(other)
    assert "čekací listinu" in client.get(event.get_absolute_url()).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"action": "register"}, follow=True)
    assert "čekací listin" in response.content.decode()
    waiting = EventRegistration.objects.get(event=event, person=other)
    assert waiting.status == "waiting" and waiting.waiting_position() == 1
    assert "pořadí 1" in response.content.decode()
    assert event.seat_counts() == {"registered": 1, "waiting": 1}
    client.force_login(user)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "cancel"})
        client.post(url, {"action": "cancel"})  # posted twice: nothing more changes
    assert EventRegistration.objects.get(event=event, person=user).status == "cancelled"
    waiting.refresh_from_db()
    assert waiting.status == "registered"
    assert [m.to for m in mailoutbox] == [[other.email]] and event.title in mailoutbox[0].subject


def test_registration_needs_a_known_action_and_an_event_to_come(client, user):
    event = EventFactory(registration_on_portal=True, capacity=5)
    client.force_login(user)
    url = f"/cs/akce/{event.slug}/registrace/"
    response = client.post(url, {"action": "'; DROP TABLE x; --"}, follow=True)
    assert response.status_code == 200 and not EventRegistration.objects.exists()
    past = EventFactory(registration_on_portal=True, starts_at=timezone.now() - dt.timedelta(days=3),
                        ends_at=timezone.now() - dt.timedelta(days=2))
    client.post(f"/cs/akce/{past.slug}/registrace/", {"action": "register"})
    assert not EventRegistration.objects.exists()


@pytest.mark.parametrize("role, status", [("anonymous", 302), ("user", 403), ("other_region_coordinator", 403),
                                          ("coordinator", 200)])
def test_coordinators_of_the_kraj_record_who_came(client, request, role, status, user):
    event = EventFactory(registration_on_portal=True, capacity=1)
    other = MembershipFactory().person
    event.register(user)
    event.register(other)  # waiting
    url = f"/cs/akce/{event.slug}/ucast/"
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    assert client.get(url).status_code == status
    response = client.post(url, {"present": [user.pk]})
    if status != 200:
        assert response.status_code == status
        assert not EventRegistration.objects.filter(attended__isnull=False).exists()
        return
    assert response.status_code == 302
    assert dict(EventRegistration.objects.values_list("person_id", "attended")) == {user.pk: True, other.pk: False}
    assert client.post(url, {"present": ["abc"]}).status_code == 200  # a bad value: the form again, nothing kept
    assert EventRegistration.objects.get(person=user).attended is True
    html = client.get(url).content.decode()
    assert user.public_name in html and other.public_name in html


def test_registration_refused_where_the_event_takes_none(client, user):
    event = EventFactory(registration_on_portal=False, registration_url="https://example.cz/prihlaska")
    client.force_login(user)
    assert client.post(f"/cs/akce/{event.slug}/registrace/", {"action": "register"}).status_code == 404
    assert client.get(f"/cs/akce/{event.slug}/registrace/").status_code == 405
    assert client.get("/cs/akce/neexistuje/").status_code == 404


def test_events_in_another_kraj_are_filtered(client):
    EventFactory(title="Brněnská akce", kraj=Kraj.objects.get(nuts3="CZ064"))
    EventFactory(title="Kladenská akce")
    html = client.get("/en/events/", {"kraj": Kraj.objects.get(nuts3="CZ020").pk}).content.decode()
    assert "Kladenská akce" in html and "Brněnská akce" not in html


def test_regional_coordinator_adds_a_photo_of_an_event(client, coordinator, other_region_coordinator, user):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.coalitions.factories import png_bytes

    event = EventFactory(title="Veletrh")
    url = f"/cs/akce/{event.slug}/fotografie/nova/"
    for person in (user, other_region_coordinator):
        client.force_login(person)
        assert client.get(url).status_code == 403
    client.force_login(coordinator)
    assert client.get(url).status_code == 200
    response = client.post(url, {"image": SimpleUploadedFile("foto.png", png_bytes((800, 600)), "image/png"),
                                 "alt_text": "Stánky poskytovatelů na náměstí", "caption": ""})
    assert response.status_code == 302
    photo = event.photos.get()
    assert photo.thumbnail and photo.uploaded_by == coordinator
    client.logout()
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Stánky poskytovatelů na náměstí" in html


def test_month_view_links_only_to_months_it_can_show(client):
    first = client.get("/en/events/2000/1/").content.decode()
    assert "/events/1999/12/" not in first and "/events/2000/2/" in first
    last = client.get("/en/events/2100/12/").content.decode()
    assert "/events/2101/1/" not in last and "/events/2100/11/" in last
