"""The permission matrix of the forum: every forum URL × anonymous, unconfirmed e-mail, verified person,
coalition member, another coalition's member, moderator and regional coordinator. Members-only boards
never leak into the index, category lists, search, feeds or the sitemap."""

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts import roles
from discussions.models import Post, Thread
from tests.coalitions.factories import CoalitionFactory, MembershipFactory
from tests.discussions.factories import BoardFactory, CategoryFactory, ThreadFactory, forum_ready
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "unconfirmed", "verified", "member", "other_member", "moderator", "coordinator"]


@pytest.fixture
def world(db, coordinator):
    topic = CategoryFactory(slug="bydleni")
    secret_board = BoardFactory(coalition=CoalitionFactory(visibility="members", name="Tajná koalice"),
                                slug="tajna")
    other_coalition = CoalitionFactory()
    member = forum_ready(MembershipFactory(coalition=secret_board.coalition).person)
    people = {
        "anonymous": None,
        "unconfirmed": forum_ready(UserFactory()),
        "verified": forum_ready(UserFactory(verified=True)),
        "member": member,
        "other_member": forum_ready(MembershipFactory(coalition=other_coalition).person),
        "moderator": forum_ready(UserFactory(verified=True, roles=[roles.MODERATOR])),
        "coordinator": forum_ready(coordinator),
    }
    EmailAddress.objects.filter(user=people["unconfirmed"]).update(verified=False)
    author = forum_ready(UserFactory(verified=True))
    public_thread = ThreadFactory(category=topic, author=author, title="Veřejné vlákno o bydlení",
                                  first_post__body="Veřejný text")
    secret_thread = ThreadFactory(category=secret_board, author=member, title="Tajné vlákno koalice",
                                  first_post__body="Tajný text")
    return {"people": people, "topic": topic, "board": secret_board, "public": public_thread,
            "secret": secret_thread}


def _client_for(client, world, role):
    person = world["people"][role]
    if person is not None:
        client.force_login(person)
    return client


READERS_OF_SECRET = {"member", "coordinator"}
POSTERS_IN_TOPIC = {"verified", "member", "other_member", "moderator", "coordinator"}
MODERATORS_OF_TOPIC = {"moderator", "coordinator"}


@pytest.mark.parametrize("role", ROLES)
def test_reading(client, world, role):
    client = _client_for(client, world, role)
    public, secret = world["public"], world["secret"]
    assert client.get(public.get_absolute_url()).status_code == 200
    assert client.get(world["topic"].get_absolute_url()).status_code == 200
    assert client.get(reverse("discussions:post", args=[public.last_post_id])).status_code == 302
    expected = 200 if role in READERS_OF_SECRET else 404
    assert client.get(secret.get_absolute_url()).status_code == expected
    assert client.get(world["board"].get_absolute_url()).status_code == expected
    assert client.get(reverse("discussions:post", args=[secret.last_post_id])).status_code == (
        302 if role in READERS_OF_SECRET else 404)
    assert client.get(reverse("discussions:post-history", args=[secret.last_post_id])).status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_starting_a_thread_and_replying_in_a_topic(client, world, role):
    client = _client_for(client, world, role)
    topic, thread = world["topic"], world["public"]
    create = client.post(reverse("discussions:thread-create", args=[topic.slug]),
                         {"title": "Nové", "body": "Text"})
    reply = client.post(reverse("discussions:thread-reply", args=[thread.pk]), {"body": "Odpověď"})
    allowed = role in POSTERS_IN_TOPIC
    assert Thread.objects.filter(title="Nové").exists() is allowed
    assert Post.objects.filter(body="Odpověď").exists() is allowed
    if role == "anonymous":
        assert create.status_code == reply.status_code == 302
        assert "/login/" in create["Location"]
    elif not allowed:
        assert create.status_code == reply.status_code == 403


@pytest.mark.parametrize("role", ROLES)
def test_posting_in_a_members_only_board(client, world, role):
    client = _client_for(client, world, role)
    board, thread = world["board"], world["secret"]
    create = client.post(reverse("discussions:thread-create", args=[board.slug]),
                         {"title": "Interní", "body": "T"})
    client.post(reverse("discussions:thread-reply", args=[thread.pk]), {"body": "Interní odpověď"})
    allowed = role in READERS_OF_SECRET
    assert Thread.objects.filter(title="Interní").exists() is allowed
    assert Post.objects.filter(body="Interní odpověď").exists() is allowed
    if role not in READERS_OF_SECRET and role != "anonymous":
        assert create.status_code == 404  # outsiders never learn that the board exists


@pytest.mark.parametrize("role", ROLES)
def test_moderating(client, world, role):
    client = _client_for(client, world, role)
    post = world["public"].last_post
    client.post(reverse("discussions:post-hide", args=[post.pk]), {"reason": "spam"})
    client.post(reverse("discussions:thread-moderate", args=[world["public"].pk, "lock"]))
    post.refresh_from_db()
    world["public"].refresh_from_db()
    allowed = role in MODERATORS_OF_TOPIC
    assert post.is_hidden is allowed
    assert world["public"].is_locked is allowed
    queue = client.get(reverse("discussions:queue"))
    if role == "anonymous":
        assert queue.status_code == 302
    else:
        assert queue.status_code == (200 if role in MODERATORS_OF_TOPIC else 403)
    move = client.get(reverse("discussions:thread-move", args=[world["public"].pk]))
    assert move.status_code == (200 if allowed else 302 if role == "anonymous" else 403)
    suspend = client.get(reverse("discussions:suspend", args=[world["people"]["verified"].pk]))
    assert suspend.status_code == (200 if allowed else 302 if role == "anonymous" else 403)


@pytest.mark.parametrize("role", ROLES)
def test_moderating_a_members_only_board(client, world, role):
    """Its coalition's managers moderate it; the moderator role does not even see it."""
    client = _client_for(client, world, role)
    post = world["secret"].last_post
    client.post(reverse("discussions:post-hide", args=[post.pk]), {"reason": "x"})
    post.refresh_from_db()
    assert post.is_hidden is (role == "coordinator")


@pytest.mark.parametrize("role", ROLES)
def test_members_only_boards_never_leak(client, world, role):
    client = _client_for(client, world, role)
    insider = role in READERS_OF_SECRET
    pages = [reverse("discussions:index"), reverse("discussions:search") + "?q=vlakno"]
    if role != "anonymous":
        pages.append(reverse("discussions:unread"))
    for url in pages:
        html = client.get(url).content.decode()
        assert ("Tajné vlákno" in html or "Tajná koalice" in html) is insider, url
    search = client.get(reverse("discussions:search") + "?q=tajny text").content.decode()
    assert ("Tajné vlákno" in search) is insider


def test_feeds_and_sitemap_hold_only_public_threads(client, world):
    assert client.get(reverse("discussions:category-rss", args=[world["board"].slug])).status_code == 404
    assert client.get(reverse("discussions:thread-rss", args=[world["secret"].pk])).status_code == 404
    assert client.get(reverse("discussions:thread-atom", args=[world["secret"].pk])).status_code == 404
    feed = client.get(reverse("discussions:category-atom", args=[world["topic"].slug])).content.decode()
    assert "Veřejné vlákno" in feed
    sitemap = client.get("/sitemap.xml").content.decode()
    assert world["public"].get_absolute_url().replace("/cs/", "/") in sitemap.replace("/cs/", "/").replace(
        "/en/", "/")
    assert f"/vlakno/{world['secret'].pk}/" not in sitemap


def test_hidden_threads_vanish_from_lists_and_feeds(client, world):
    world["public"].set_flag("is_hidden", True)
    assert client.get(world["public"].get_absolute_url()).status_code == 404
    assert "Veřejné vlákno" not in client.get(world["topic"].get_absolute_url()).content.decode()
    assert client.get(reverse("discussions:thread-rss", args=[world["public"].pk])).status_code == 404


def test_authors_edit_within_the_window_only(client, world, settings):
    author = world["public"].author
    client.force_login(author)
    post = world["public"].last_post
    url = reverse("discussions:post-edit", args=[post.pk])
    assert client.get(url).status_code == 200
    settings.FORUM_EDIT_WINDOW_MINUTES = 0
    Post.objects.filter(pk=post.pk).update(created_at=post.created_at.replace(year=2020))
    assert client.get(url).status_code == 403


def test_others_cannot_edit_or_delete(client, world):
    client.force_login(world["people"]["verified"])
    post = world["public"].last_post
    assert client.get(reverse("discussions:post-edit", args=[post.pk])).status_code == 403
    assert client.post(reverse("discussions:post-delete", args=[post.pk])).status_code == 403


def test_suspended_people_cannot_post(client, world):
    from django.utils import timezone

    from discussions.models import Suspension

    person = world["people"]["verified"]
    Suspension.objects.create(user=person, until=timezone.now() + timezone.timedelta(days=1), reason="x")
    client.force_login(person)
    response = client.post(reverse("discussions:thread-reply", args=[world["public"].pk]), {"body": "Ahoj"})
    assert response.status_code == 403
    assert not Post.objects.filter(body="Ahoj").exists()


def test_people_who_did_not_accept_the_rules_are_sent_to_them(client, world):
    person = UserFactory(verified=True)
    client.force_login(person)
    response = client.get(reverse("discussions:thread-create", args=[world["topic"].slug]))
    assert response.status_code == 302
    assert reverse("discussions:rules") in response["Location"]
    response = client.post(reverse("discussions:rules"), {"next": reverse("discussions:thread-create",
                                                                          args=[world["topic"].slug])})
    assert client.get(response["Location"]).status_code == 200


def test_locked_threads_take_no_replies(client, world):
    world["public"].set_flag("is_locked", True)
    client.force_login(world["people"]["verified"])
    response = client.post(reverse("discussions:thread-reply", args=[world["public"].pk]), {"body": "Pozdě"})
    assert response.status_code == 403
