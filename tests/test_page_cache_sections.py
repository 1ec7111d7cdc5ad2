"""Coalition, meeting, event, forum and offers pages are cached for anonymous visitors by sections
(core/pagecache.py), and every change to what a page shows renders it afresh."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import update_last_login
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core import pagecache
from discussions import moderation
from discussions.models import Category
from tests.accounts.factories import UserFactory
from tests.coalitions.factories import (
    CoalitionFactory,
    DocumentFactory,
    EventFactory,
    MeetingFactory,
    MembershipFactory,
    MinutesFactory,
)
from tests.discussions.factories import BoardFactory, CategoryFactory, PostFactory, ThreadFactory
from tests.discussions.test_offers import make_offer
from tests.i18n import english

pytestmark = pytest.mark.django_db
HEADER = pagecache.HEADER


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.REGISTRY_PAGE_CACHE_SECONDS = 300


@pytest.fixture
def world(db):
    """One of everything the cached pages show, in a public coalition and a public topic category."""
    coalition = CoalitionFactory(name="Koalice Kladensko", slug="kladensko")
    member = MembershipFactory(coalition=coalition, person__display_name="Jana Členová").person
    meeting = MeetingFactory(coalition=coalition, title="Jarní setkání", capacity=10)
    past_meeting = MeetingFactory(coalition=coalition, title="Zimní setkání",
                                  starts_at=timezone.now() - dt.timedelta(days=30),
                                  ends_at=timezone.now() - dt.timedelta(days=30, hours=-2))
    MinutesFactory(meeting=past_meeting, status="approved", approved_at=timezone.now())
    document = DocumentFactory(coalition=coalition, title="Metodika spolupráce")
    event = EventFactory(title="Kulatý stůl Kladno", slug="kulaty-stul", capacity=30,
                         registration_on_portal=True)
    category = CategoryFactory(name="Bydlení", slug="bydleni")
    author = UserFactory(verified=True, display_name="Petr Autor")
    thread = ThreadFactory(category=category, author=author, title="Čekací listiny",
                           first_post__body="První odpověď o pořadníku.")
    board = BoardFactory(coalition=coalition)
    offer = make_offer(author=author, title="Nabízíme prostory")
    return {"coalition": coalition, "member": member, "meeting": meeting, "past_meeting": past_meeting,
            "document": document, "event": event,
            "category": category, "thread": thread, "author": author, "board": board, "offer": offer}


def url_of(kind: str, w: dict) -> str:
    start = w["event"].starts_at
    return {
        "coalition list": lambda: "/en/coalitions/",
        "coalition": lambda: f"/en/coalitions/{w['coalition'].slug}/",
        "meeting": lambda: f"/en/coalitions/{w['coalition'].slug}/meetings/{w['meeting'].pk}/",
        "past meeting": lambda: f"/en/coalitions/{w['coalition'].slug}/meetings/{w['past_meeting'].pk}/",
        "outputs": lambda: "/en/coalitions/outputs/",
        "events": lambda: "/en/events/",
        "event month": lambda: f"/en/events/{start.year}/{start.month}/",
        "event": lambda: f"/en/events/{w['event'].slug}/",
        "coalition calendar": lambda: f"/en/coalitions/{w['coalition'].slug}/calendar.ics",
        "meeting calendar": lambda: url_of("meeting", w) + "calendar.ics",
        "events calendar": lambda: "/en/events/calendar.ics",
        "event calendar": lambda: f"/en/events/{w['event'].slug}/calendar.ics",
        "meetings feed": lambda: "/en/coalitions/rss/meetings/",
        "minutes feed": lambda: "/en/coalitions/rss/minutes/",
        "outputs feed": lambda: "/en/coalitions/rss/outputs/",
        "forum": lambda: "/en/forum/",
        "category": lambda: english(w["category"].get_absolute_url()),
        "thread": lambda: english(w["thread"].get_absolute_url()),
        "category rss": lambda: f"/en/forum/category/{w['category'].slug}/rss/",
        "category atom": lambda: f"/en/forum/category/{w['category'].slug}/atom/",
        "thread rss": lambda: f"/en/forum/thread/{w['thread'].pk}/rss/",
        "thread atom": lambda: f"/en/forum/thread/{w['thread'].pk}/atom/",
        "offers": lambda: "/en/forum/offers/",
        "offer": lambda: english(w["offer"].get_absolute_url()),
    }[kind]()


KINDS = ["coalition list", "coalition", "meeting", "outputs", "events", "event month", "event",
         "coalition calendar", "meeting calendar", "events calendar", "event calendar", "meetings feed",
         "minutes feed", "outputs feed", "forum", "category", "thread", "category rss", "category atom",
         "thread rss", "thread atom", "offers", "offer"]


def without_csrf(content: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", content)  # each visitor gets their own


def fresh(response) -> bool:
    return response.status_code == 200 and response[HEADER] == "miss"


@pytest.mark.parametrize("kind", KINDS)
def test_second_anonymous_visit_costs_no_query(client, django_assert_num_queries, world, kind):
    url = url_of(kind, world)
    first = client.get(url)
    assert fresh(first)
    with django_assert_num_queries(0):
        second = Client().get(url)
    assert second[HEADER] == "hit"
    assert without_csrf(second.content) == without_csrf(first.content)
    assert second["Content-Type"] == first["Content-Type"]
    if "calendar" in kind:  # downloads keep their file name
        assert second["Content-Disposition"] == first["Content-Disposition"]


# --- What invalidates what ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["forum", "category", "thread", "thread rss", "category atom"])
def test_a_new_post_gives_fresh_forum_pages(client, world, kind):
    url = url_of(kind, world)
    client.get(url)
    PostFactory(thread=world["thread"], body="Nová odpověď z Kladna.")
    response = client.get(url)
    assert fresh(response)
    if kind in ("thread", "thread rss"):
        assert "Nová odpověď z Kladna." in response.content.decode()
    if kind in ("forum", "category"):
        assert "2" in response.content.decode()  # the post count


def test_a_hidden_post_disappears_from_the_cached_thread(client, world, moderator):
    post = PostFactory(thread=world["thread"], body="Kupte levné hodinky.")
    url = url_of("thread", world)
    assert "Kupte levné hodinky." in client.get(url).content.decode()
    moderation.hide(post, by=moderator, reason="spam")
    response = client.get(url)
    assert fresh(response) and "Kupte levné hodinky." not in response.content.decode()


def test_a_spammer_silenced_in_bulk_disappears_from_cached_pages(client, world, moderator):
    spammer = UserFactory(verified=True)
    PostFactory(thread=world["thread"], author=spammer, body="Kupte levné hodinky.")
    urls = [url_of("thread", world), url_of("thread rss", world)]
    for url in urls:
        assert "Kupte levné hodinky." in client.get(url).content.decode()
    moderation.silence_spammer(spammer, by=moderator, reason="spam")  # one UPDATE, no post_save
    for url in urls:
        response = client.get(url)
        assert fresh(response) and "Kupte levné hodinky." not in response.content.decode()


def test_a_hidden_offer_leaves_the_cached_board(client, world, moderator):
    client.get(url_of("offers", world))
    moderation.hide(world["offer"], by=moderator, reason="spam")
    response = client.get(url_of("offers", world))
    assert fresh(response) and "Nabízíme prostory" not in response.content.decode()
    assert client.get(url_of("offer", world)).status_code == 404


def test_a_registration_updates_the_seat_count(client, world):
    url = url_of("meeting", world)
    assert "0 of 10 seats taken" in client.get(url).content.decode()
    world["meeting"].register(world["member"])
    response = client.get(url)
    assert fresh(response) and "1 of 10 seats taken" in response.content.decode()


def test_attendance_written_in_bulk_updates_the_meeting_page(client, world, coordinator):
    url = url_of("meeting", world)
    client.get(url)
    staff = Client()
    staff.force_login(coordinator)
    response = staff.post(reverse("coalitions:meeting-attendance", args=[world["coalition"].slug,
                                                                          world["meeting"].pk]),
                          {"present": [world["member"].pk]})
    assert response.status_code == 302
    response = client.get(url)
    assert fresh(response) and "1 of 10 seats taken" in response.content.decode()


def test_a_meeting_change_updates_the_coalition_pages(client, world):
    urls = [url_of(kind, world) for kind in ("coalition", "meeting", "coalition list", "meetings feed",
                                              "coalition calendar")]
    for url in urls:
        client.get(url)
    world["meeting"].title = "Letní setkání"
    world["meeting"].save()
    for url in urls[:2] + urls[3:]:
        response = client.get(url)
        assert fresh(response) and "Letní setkání" in response.content.decode()
    assert fresh(client.get(urls[2]))


def test_a_coalition_made_private_closes_its_cached_board(client, world):
    board_url = english(world["board"].get_absolute_url())
    assert client.get(board_url).status_code == 200
    assert world["coalition"].name in client.get(url_of("forum", world)).content.decode()
    world["coalition"].visibility = "members"
    world["coalition"].save()
    assert client.get(board_url).status_code == 404
    response = client.get(url_of("forum", world))
    assert fresh(response) and world["coalition"].name not in response.content.decode()


def test_a_new_output_reaches_the_cached_library_and_feed(client, world):
    for kind in ("outputs", "outputs feed"):
        client.get(url_of(kind, world))
    DocumentFactory(coalition=world["coalition"], title="Analýza kapacit Kladno")
    for kind in ("outputs", "outputs feed"):
        response = client.get(url_of(kind, world))
        assert fresh(response) and "Analýza kapacit Kladno" in response.content.decode()


def test_an_event_change_reaches_the_cached_event_pages(client, world):
    kinds = ("events", "event", "event month", "events calendar", "event calendar")
    for kind in kinds:
        client.get(url_of(kind, world))
    world["event"].title = "Kulatý stůl Slaný"
    world["event"].save()
    for kind in kinds:
        response = client.get(url_of(kind, world))
        assert fresh(response) and "Kulatý stůl Slaný" in response.content.decode()


@pytest.mark.parametrize("kind", ["thread", "category", "thread atom", "offer", "coalition", "past meeting"])
def test_a_renamed_person_appears_under_the_new_name(client, world, kind):
    person = world["member"] if kind in ("coalition", "past meeting") else world["author"]
    if kind == "past meeting":  # the minutes of a coalition with public material list the people who came
        world["past_meeting"].registrations.create(person=person, status="registered", attended=True)
    url = url_of(kind, world)
    assert person.public_name in client.get(url).content.decode()
    person.display_name = "Jiné Jméno"
    person.save()
    response = client.get(url)
    assert fresh(response) and "Jiné Jméno" in response.content.decode()


def test_a_login_does_not_invalidate_the_pages(client, world):
    url = url_of("thread", world)
    client.get(url)
    update_last_login(None, world["author"])  # what every login writes
    assert client.get(url)[HEADER] == "hit"


def test_meetings_move_to_past_when_they_end_not_at_midnight(client, world, monkeypatch):
    meeting = world["meeting"]
    url = url_of("coalition", world)
    real_now = timezone.now

    monkeypatch.setattr(timezone, "now", lambda: meeting.ends_at - dt.timedelta(minutes=30))
    page = client.get(url).content.decode()
    assert page.index("Jarní setkání") < page.index("Past meetings")
    assert client.get(url)[HEADER] == "hit"
    monkeypatch.setattr(timezone, "now", lambda: meeting.ends_at + dt.timedelta(minutes=1))
    response = client.get(url)
    page = response.content.decode()
    assert fresh(response) and page.index("Jarní setkání") > page.index("Past meetings")
    monkeypatch.setattr(timezone, "now", real_now)


# --- Who gets a cached page ---------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["coalition", "meeting", "thread", "offer", "forum"])
def test_signed_in_people_get_fresh_pages(client, world, kind):
    url = url_of(kind, world)
    client.get(url)
    client.force_login(world["member"])
    response = client.get(url)
    assert HEADER not in response.headers
    assert world["member"].public_name in response.content.decode()


def test_hidden_and_missing_pages_are_not_cached(client, world):
    assert client.get("/en/forum/thread/999999/").status_code == 404
    world["coalition"].visibility = "members"
    world["coalition"].save()
    board = english(world["board"].get_absolute_url())
    for _ in range(2):
        response = client.get(board)
        assert response.status_code == 404 and HEADER not in response.headers
    short = reverse("offers:detail-short", args=[world["offer"].pk])
    for _ in range(2):
        response = client.get(short)
        assert response.status_code == 301 and HEADER not in response.headers


def test_a_visitor_with_a_message_gets_it_and_no_one_else_does(world):
    """The contact form of a cached offer page works with the visitor's own CSRF token; the "sent" message
    is shown to the sender only, on a page that is neither served from nor stored in the cache."""
    url = url_of("offer", world)
    Client().get(url)  # another visitor fills the cache
    sender = Client(enforce_csrf_checks=True)
    page = sender.get(url)
    assert page[HEADER] == "hit"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    response = sender.post(reverse("offers:contact", args=[world["offer"].pk]), {
        "csrfmiddlewaretoken": token, "name": "Eva", "email": "eva@example.cz", "message": "Máme zájem.",
        "website": ""})
    assert response.status_code == 302
    assert world["offer"].messages.count() == 1
    with_message = sender.get(url)
    assert "Your message has been sent" in with_message.content.decode()
    assert HEADER not in with_message.headers
    later = Client().get(url)
    assert later[HEADER] == "hit" and "Your message has been sent" not in later.content.decode()


def test_sections_are_independent(client, world):
    """A forum post leaves the coalition pages cached, and a registration leaves the topic forum cached."""
    coalition_url, category_url = url_of("coalition", world), url_of("category", world)
    client.get(coalition_url)
    PostFactory(thread=world["thread"], author=world["author"])
    assert client.get(coalition_url)[HEADER] == "hit"
    client.get(category_url)
    make_offer(author=world["author"], title="Další nabídka")
    assert client.get(category_url)[HEADER] == "hit"


def test_generations_are_read_in_one_cache_call(world, monkeypatch):
    from django.core.cache import cache

    client = Client()
    client.get(url_of("thread", world))
    calls = []
    original = cache.get_many
    monkeypatch.setattr(cache, "get_many", lambda keys, *args: calls.append(keys) or original(keys, *args))
    assert client.get(url_of("thread", world))[HEADER] == "hit"
    assert len(calls) == 1 and len(calls[0]) == 4  # discussions, coalitions, people, codelists


def test_a_board_category_is_readable_again_after_the_coalition_opens(client, world):
    world["coalition"].visibility = "members"
    world["coalition"].save()
    board_url = english(world["board"].get_absolute_url())
    assert client.get(board_url).status_code == 404
    world["coalition"].visibility = "public"
    world["coalition"].save()
    assert Category.objects.filter(pk=world["board"].pk).exists()
    assert fresh(client.get(board_url))


def test_the_admin_bulk_task_action_refreshes_coalition_pages(world, admin_client):
    from django.core.cache import cache

    from tests.coalitions.factories import TaskFactory

    task = TaskFactory(coalition=world["coalition"], meeting=world["past_meeting"])
    before = cache.get(pagecache.generation_key("coalitions"))
    admin_client.post(reverse("admin:coalitions_task_changelist"),
                      {"action": "mark_done", "_selected_action": [task.pk]})
    task.refresh_from_db()
    assert task.status == "done"
    assert cache.get(pagecache.generation_key("coalitions")) != before
