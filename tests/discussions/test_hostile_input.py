"""Hostile posts through the real views: scripts escaped, 1 MB refused with a message, bidi and
zero-width characters stripped from titles, malformed markdown harmless, bad dates in search → errors."""

import pytest
from django.urls import reverse

from discussions.models import Post, Thread
from tests.discussions.factories import CategoryFactory, ThreadFactory, forum_ready
from tests.i18n import english

pytestmark = pytest.mark.django_db


@pytest.fixture
def writer(client, verified_user):
    forum_ready(verified_user)
    client.force_login(verified_user)
    return verified_user


def test_a_script_in_a_post_is_shown_as_text(client, writer):
    category = CategoryFactory()
    response = client.post(reverse("discussions:thread-create", args=[category.slug]), {
        "title": "Test <script>alert(1)</script>",
        "body": "<script>alert(1)</script> [x](javascript:alert(1))"})
    thread = Thread.objects.get()
    assert response.status_code == 302
    html = client.get(thread.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert "javascript:alert" not in html


def test_a_megabyte_post_is_refused_with_a_message(client, writer):
    thread = ThreadFactory()
    response = client.post(english(reverse("discussions:thread-reply", args=[thread.pk])),
                           {"body": "a" * 1_000_000})
    assert response.status_code == 400
    assert "The post is too long" in response.content.decode()
    assert Post.objects.count() == 1


def test_bidi_and_zero_width_characters_are_stripped_from_titles(client, writer):
    category = CategoryFactory()
    client.post(reverse("discussions:thread-create", args=[category.slug]),
                {"title": "Nabídka\u202e\u200b zdarma\u2066", "body": "Text"})
    assert Thread.objects.get().title == "Nabídka zdarma"


def test_a_title_of_only_invisible_characters_is_refused(client, writer):
    category = CategoryFactory()
    response = client.post(reverse("discussions:thread-create", args=[category.slug]),
                           {"title": "\u202e\u200b", "body": "Text"})
    assert response.status_code == 400
    assert not Thread.objects.exists()


@pytest.mark.parametrize("body", ["**[", "<<<>>>", "```\nunclosed", "> > > > >" * 100, "|a|\n|-|\n" * 50,
                                  "\x00null"])
def test_malformed_markdown_is_rendered(client, writer, body):
    thread = ThreadFactory()
    response = client.post(reverse("discussions:thread-reply", args=[thread.pk]), {"body": body})
    assert response.status_code in (400, 302)  # a NUL character is refused by the form with a message
    assert client.get(thread.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("query", ["since=2024-13-45", "until=yesterday", "since=2025-02-01&until=2025-01-01",
                                   "category=does-not-exist", "page=abc", "q=" + "x" * 500,
                                   "until=9999-12-31", "since=0001-01-01"])
def test_bad_search_input_gives_no_500(client, query):
    response = client.get(reverse("discussions:search") + "?q=dum&" + query)
    assert response.status_code in (200, 400)


def test_new_accounts_may_post_at_most_two_links(client, user):
    forum_ready(user)
    client.force_login(user)
    thread = ThreadFactory()
    body = "https://a.example https://b.example https://c.example"
    response = client.post(english(reverse("discussions:thread-reply", args=[thread.pk])),
                           {"body": body})
    assert response.status_code == 400
    assert "at most 2 links" in response.content.decode()


def test_the_honeypot_drops_bots_silently(client, writer):
    thread = ThreadFactory()
    response = client.post(reverse("discussions:thread-reply", args=[thread.pk]),
                           {"body": "Koupit levně", "website": "http://spam.example"})
    assert response.status_code == 302
    assert thread.posts.count() == 1


def test_the_rate_limit_answers_429(client, writer, settings):
    settings.FORUM_POSTS_PER_MINUTE = 2
    thread = ThreadFactory()
    url = reverse("discussions:thread-reply", args=[thread.pk])
    statuses = [client.post(url, {"body": f"Příspěvek {n}"}).status_code for n in range(4)]
    assert statuses[:2] == [302, 302]
    assert statuses[-1] == 429
