"""Fixed query counts of the forum's list pages, permalinks, quotes, search and unread threads."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from discussions.models import Post, Thread
from tests.accounts.factories import UserFactory
from tests.discussions.factories import CategoryFactory, PostFactory, ThreadFactory, forum_ready
from tests.i18n import english

pytestmark = pytest.mark.django_db


def _thread_with_posts(count):
    thread = ThreadFactory()
    authors = [UserFactory(verified=True) for _ in range(5)]
    for n in range(count - 1):
        PostFactory(thread=thread, author=authors[n % 5])
    return thread


@pytest.mark.parametrize("page", [1, 4])
@pytest.mark.parametrize("count", [5, 100])
def test_thread_page_runs_fixed_queries(client, django_assert_num_queries, count, page):
    thread = _thread_with_posts(count)
    page_query = f"?page={page}" if page > 1 else ""
    with django_assert_num_queries(4):
        assert client.get(thread.get_absolute_url() + page_query).status_code == 200


@pytest.mark.parametrize("count", [5, 100])
def test_thread_page_for_a_logged_in_person_runs_fixed_queries(client, django_assert_num_queries, count):
    thread = _thread_with_posts(count)
    person = forum_ready(UserFactory(verified=True))
    client.force_login(person)
    client.get(thread.get_absolute_url())  # the read marker exists from now on
    # With nothing remembered (the page cache off): the session, the person, the thread, whether they watch it,
    # have posts waiting for approval in it and when they read it last (one query), what the forum asks about
    # the person (the categories they moderate, their roles, a verified address, no suspension, the rules
    # accepted: one query) and the posts. The read marker, newer than the last post, is not written again
    # (was 12). With the page cache on, only the viewer's answers: tests/discussions/test_forum_remembered.py.
    with django_assert_num_queries(6):
        assert client.get(thread.get_absolute_url() + "?page=4").status_code == 200


@pytest.mark.parametrize("count", [5, 50])
def test_category_page_runs_fixed_queries(client, django_assert_num_queries, count):
    category = CategoryFactory()
    author = UserFactory(verified=True)
    for _ in range(count):
        ThreadFactory(category=category, author=author)
    with django_assert_num_queries(5):
        assert client.get(category.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("count", [2, 12])
def test_index_runs_fixed_queries(client, django_assert_num_queries, count):
    for _ in range(count):
        ThreadFactory()
    with django_assert_num_queries(3):
        assert client.get(reverse("discussions:index")).status_code == 200


def test_permalink_opens_the_right_page(client):
    thread = _thread_with_posts(60)
    post = thread.posts.order_by("created_at", "pk")[52]
    response = client.get(reverse("discussions:post", args=[post.pk]))
    assert response["Location"] == f"{thread.get_absolute_url()}?page=3#post-{post.pk}"
    assert f'id="post-{post.pk}"' in client.get(response["Location"]).content.decode()


def test_a_quote_carries_the_author_and_a_link_back(client):
    post = PostFactory(body="Máme pořadník na 40 lidí.\nA čekací doba je rok.")
    person = forum_ready(UserFactory(verified=True))
    client.force_login(person)
    response = client.get(reverse("discussions:thread-reply", args=[post.thread.pk]) + f"?quote={post.pk}")
    body = response.context["form"].initial["body"]
    assert body.startswith(f"> {post.author.public_name} [")
    assert f"]({post.get_absolute_url()})" in body
    assert "> Máme pořadník na 40 lidí.\n> A čekací doba je rok." in body
    client.post(reverse("discussions:thread-reply", args=[post.thread.pk]), {"body": body + "Souhlasím.",
                                                                           "quote": post.pk})
    reply = Post.objects.get(body__endswith="Souhlasím.")
    assert reply.quoted == post
    assert "<blockquote>" in reply.body_html


def test_search_ignores_diacritics_and_case(client):
    ThreadFactory(title="Čekací listiny v DOMOVECH pro seniory")
    ThreadFactory(title="Jiné téma", first_post__body="Příspěvek na péči a ŽIVOTNÍ minimum")
    ThreadFactory(title="Nesouvisí")
    for query, expected in [("cekaci listiny", "Čekací"), ("DOMOVECH", "Čekací"), ("zivotni minimum", "Jiné"),
                            ("prispevek na peci", "Jiné")]:
        html = client.get(reverse("discussions:search"), {"q": query}).content.decode()
        assert expected in html, query
        assert "Nesouvisí" not in html


def test_search_filters_by_category_and_date(client):
    old = ThreadFactory(title="Dluhy staré")
    Thread.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(days=400),
                                            last_post_at=timezone.now() - dt.timedelta(days=400))
    new = ThreadFactory(title="Dluhy nové")
    since = (timezone.localdate() - dt.timedelta(days=30)).isoformat()
    html = client.get(reverse("discussions:search"), {"q": "dluhy", "since": since}).content.decode()
    assert "Dluhy nové" in html and "Dluhy staré" not in html
    query = {"q": "dluhy", "category": old.category.slug}
    html = client.get(reverse("discussions:search"), query).content.decode()
    assert "Dluhy staré" in html and "Dluhy nové" not in html
    assert new


def test_bad_dates_are_form_errors(client):
    response = client.get(english(reverse("discussions:search")),
                          {"q": "x", "since": "2025-99-99"})
    assert response.status_code == 400
    assert "Enter a valid date" in response.content.decode()


def test_unread_threads(client):
    person = forum_ready(UserFactory(verified=True))
    seen, unseen = ThreadFactory(title="Přečtené vlákno"), ThreadFactory(title="Nové vlákno")
    client.force_login(person)
    client.get(seen.get_absolute_url())
    html = client.get(reverse("discussions:unread")).content.decode()
    assert "Nové vlákno" in html and "Přečtené vlákno" not in html
    PostFactory(thread=seen)
    Thread.objects.filter(pk=seen.pk).update(last_post_at=timezone.now() + dt.timedelta(seconds=1))
    assert "Přečtené vlákno" in client.get(reverse("discussions:unread")).content.decode()
    assert unseen


def test_pinned_threads_come_first(client):
    category = CategoryFactory()
    ThreadFactory(category=category, title="Obyčejné")
    pinned = ThreadFactory(category=category, title="Připnuté")
    Thread.objects.filter(pk=pinned.pk).update(is_pinned=True,
                                               last_post_at=timezone.now() - dt.timedelta(days=9))
    html = client.get(category.get_absolute_url()).content.decode()
    assert html.index("Připnuté") < html.index("Obyčejné")


@pytest.mark.parametrize("count", [3, 30])
def test_search_runs_fixed_queries(client, django_assert_num_queries, count):
    author = UserFactory(verified=True)
    for n in range(count):
        ThreadFactory(title=f"Pečovatelská služba {n}", author=author)
    with django_assert_num_queries(5):
        response = client.get(reverse("discussions:search"), {"q": "pecovatelska"})
    assert response.context["page"].paginator.count == count


@pytest.mark.parametrize("count", [3, 30])
def test_unread_runs_fixed_queries(client, django_assert_num_queries, count):
    person = forum_ready(UserFactory(verified=True))
    author = UserFactory(verified=True)
    for _ in range(count):
        ThreadFactory(author=author)
    client.force_login(person)
    with django_assert_num_queries(8):
        response = client.get(reverse("discussions:unread"))
    assert response.context["page"].paginator.count == count


@pytest.mark.parametrize("count", [2, 12])
def test_moderation_queue_runs_fixed_queries(client, moderator, django_assert_num_queries, count):
    from discussions import moderation
    from discussions.models import Flag

    reporter = UserFactory(verified=True)
    category = CategoryFactory()
    for _ in range(count):
        thread = ThreadFactory(category=category)
        moderation.flag(thread.last_post, by=reporter, reason=Flag.Reason.SPAM)
        thread.add_post(author=UserFactory(), body="Čekající příspěvek", pending=True)
    client.force_login(moderator)
    with django_assert_num_queries(10):
        response = client.get(reverse("discussions:queue"))
    assert len(response.context["groups"]) == count and len(response.context["pending"]) == count


@pytest.mark.parametrize("count", [2, 20])
def test_category_feed_runs_fixed_queries(client, django_assert_num_queries, count):
    category = CategoryFactory()
    for _ in range(count):
        ThreadFactory(category=category, first_post__body="Text <b>tučně</b>")
    with django_assert_num_queries(2):
        response = client.get(reverse("discussions:category-rss", args=[category.slug]))
    assert response.content.decode().count("<item>") == count


@pytest.mark.parametrize("count", [2, 20])
def test_thread_feed_runs_fixed_queries(client, django_assert_num_queries, count):
    thread = _thread_with_posts(count)
    with django_assert_num_queries(2):
        response = client.get(reverse("discussions:thread-atom", args=[thread.pk]))
    assert response.content.decode().count("<entry>") == count


def test_a_query_without_words_lists_nothing(client):
    ThreadFactory(title="Cokoli")
    response = client.get(reverse("discussions:search"), {"q": "!!! ???"})
    assert response.status_code == 200
    assert "Cokoli" not in response.content.decode()
