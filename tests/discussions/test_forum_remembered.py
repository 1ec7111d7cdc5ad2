"""With the page cache on, a signed-in person's thread and category pages come from memory (the thread, the
category, the page of posts, the page's content for everybody with the same rights, what the forum knows about
the person, the person themselves): each change through any door shows on the next request, and each viewer
still gets their own buttons and a CSRF token that works."""

import datetime as dt
import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from accounts import roles
from discussions import fragments
from discussions.models import ForumProfile, Suspension
from tests.accounts.factories import UserFactory
from tests.discussions.factories import CategoryFactory, ThreadFactory, forum_ready
from tests.discussions.pages import page, url_of
from tests.i18n import english

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]*)"')


@pytest.fixture
def drawn(monkeypatch):
    """How many times a thread page's content was drawn (not taken from memory)."""
    calls = {"content": 0}
    render_posts = fragments.render_posts

    def counting(*args, **kwargs):
        calls["content"] += 1
        return render_posts(*args, **kwargs)

    monkeypatch.setattr(fragments, "render_posts", counting)
    return calls


REPLY_FORM = 'id="reply-heading"'


def readers_reading(url, count: int) -> tuple[list, list, list]:
    """`count` new readers, each with their own client checking CSRF, and the page each of them got."""
    readers = [forum_ready(UserFactory(verified=True)) for _ in range(count)]
    clients = [Client(enforce_csrf_checks=True) for _ in readers]
    pages = []
    for person, client in zip(readers, clients, strict=True):
        client.force_login(person)
        pages.append(page(client, url))
    return readers, clients, pages


def test_viewers_with_the_same_rights_share_the_content_each_with_a_working_token(thread, drawn):
    url = english(thread.get_absolute_url())
    readers, clients, pages = readers_reading(url, 2)
    assert drawn["content"] == 1  # the second reader got the first one's content
    for person, client, html in zip(readers, clients, pages, strict=True):
        token = CSRF.search(html).group(1)
        response = client.post(url_of("thread-reply", thread.pk),
                               {"body": f"Odpověď od {person.pk}.", "csrfmiddlewaretoken": token})
        assert response.status_code == 302  # the remembered page carried this person's token
    assert CSRF.sub("", pages[0]).count("Máme pořadník") == 1
    assert thread.posts.filter(body__startswith="Odpověď od").count() == 2


def test_an_author_gets_their_own_buttons_from_the_shared_memory(client, thread, author, reader, drawn):
    url = english(thread.get_absolute_url())
    post = thread.posts.order_by("pk").last()
    delete = url_of("post-delete", post.pk)
    client.force_login(reader)
    assert delete not in page(client, url)
    client.force_login(author)
    assert f'action="{delete}"' in page(client, url)
    assert f'action="{delete}"' in page(client, url)
    assert drawn["content"] == 2  # one for the readers, one for the author (then remembered)
    post.delete_by_author()
    html = page(client, url)
    assert f'action="{delete}"' not in html and "The author deleted this post." in html


def test_a_locked_or_renamed_thread_shows_on_the_next_request(client, thread, reader):
    url = english(thread.get_absolute_url())
    client.force_login(reader)
    assert REPLY_FORM in page(client, url)
    thread.title, thread.is_locked = "Pořadníky (uzavřeno)", True
    thread.save()
    html = page(client, url)
    assert "Pořadníky (uzavřeno)" in html and REPLY_FORM not in html
    assert "This thread is locked: no new replies." in html


def test_watching_shows_at_once(client, thread, reader):
    url = english(thread.get_absolute_url())
    client.force_login(reader)
    assert "Watch this thread" in page(client, url)
    client.post(url_of("thread-watch", thread.pk))
    assert "Stop watching" in page(client, url)


def test_a_suspension_stops_the_reply_form_and_its_end_brings_it_back(client, thread, reader, monkeypatch):
    url = english(thread.get_absolute_url())
    client.force_login(reader)
    assert REPLY_FORM in page(client, url)
    Suspension.objects.create(user=reader, until=timezone.now() + dt.timedelta(hours=2), reason="Spam")
    assert REPLY_FORM not in page(client, url)
    assert client.post(url_of("thread-reply", thread.pk), {"body": "Ještě jednou."}).status_code == 403
    # Two hours later the suspension has ended, with no write to tell anyone: the remembered end says so.
    later = timezone.now() + dt.timedelta(hours=3)
    monkeypatch.setattr("discussions.permissions.timezone.now", lambda: later)
    assert REPLY_FORM in page(client, url)


def test_a_confirmed_address_and_the_accepted_rules_show_on_the_next_request(client, thread):
    newcomer = UserFactory()
    EmailAddress.objects.filter(user=newcomer).update(verified=False)  # as after the sign-up
    address = EmailAddress.objects.get(user=newcomer)
    url = english(thread.get_absolute_url())
    client.force_login(newcomer)
    assert REPLY_FORM not in page(client, url)
    address.verified = True
    address.save()  # allauth confirms the address through save()
    assert REPLY_FORM not in page(client, url)  # the rules are not accepted yet
    reply = client.get(url_of("thread-reply", thread.pk))
    assert reply.status_code == 302 and url_of("rules") in reply["Location"]
    ForumProfile.for_user(newcomer).accept_rules()
    assert REPLY_FORM in page(client, url)


def test_a_new_role_and_a_deactivated_account_show_on_the_next_request(client, thread, reader):
    url = english(thread.get_absolute_url())
    client.force_login(reader)
    assert "Moderate this thread" not in page(client, url)
    reader.groups.add(Group.objects.get_or_create(name=roles.MODERATOR)[0])
    assert "Moderate this thread" in page(client, url)
    reader.is_active = False
    reader.save()
    html = page(client, url)
    assert "Moderate this thread" not in html and "Log in to reply" in html


def test_a_new_password_signs_the_old_sessions_out(client, thread, reader):
    url = english(thread.get_absolute_url())
    client.force_login(reader)
    assert REPLY_FORM in page(client, url)
    reader.set_password("úplně-nové-heslo-2026")
    reader.save()
    assert "Log in to reply" in page(client, url)


def test_a_renamed_category_and_its_watch_show_on_the_next_request(client, reader):
    category = CategoryFactory(name="Senioři")
    ThreadFactory(category=category, title="Domovy se zvláštním režimem")
    url = english(category.get_absolute_url())
    client.force_login(reader)
    html = page(client, url)
    assert "<h1>Senioři</h1>" in html and "Watch this category" in html
    client.post(url_of("category-watch", category.slug))
    category.name = "Senioři a jejich blízcí"
    category.save()
    html = page(client, url)
    assert "<h1>Senioři a jejich blízcí</h1>" in html and "Stop watching this category" in html


def test_a_members_only_board_stays_closed_to_outsiders_from_memory(client, reader):
    from tests.coalitions.factories import CoalitionFactory

    coalition = CoalitionFactory()  # public material
    board = CategoryFactory(coalition=coalition)
    thread = ThreadFactory(category=board)
    client.force_login(reader)
    assert client.get(english(thread.get_absolute_url())).status_code == 200
    coalition.visibility = coalition.Visibility.MEMBERS
    coalition.save()
    assert client.get(english(thread.get_absolute_url())).status_code == 404
    assert client.get(english(board.get_absolute_url())).status_code == 404


def test_a_signed_in_thread_and_category_page_read_only_the_viewer_s_answers(client, thread, reader, settings,
                                                                             django_assert_num_queries):
    """Production settings (sessions through the cache, the person and the pages' data remembered): the thread
    page asks the database only what is the viewer's own (do they watch it, posts waiting, last read), the
    category page whether they watch it and their read markers."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    client.force_login(reader)
    thread_url, category_url = english(thread.get_absolute_url()), english(thread.category.get_absolute_url())
    client.get(thread_url)
    client.get(category_url)
    with django_assert_num_queries(1):
        assert client.get(thread_url).status_code == 200
    with django_assert_num_queries(2):
        assert client.get(category_url).status_code == 200


def test_readers_who_read_the_same_threads_share_the_category_content(thread, monkeypatch):
    url = english(thread.category.get_absolute_url())
    drawn = []
    listing_rows = fragments.listing_rows
    monkeypatch.setattr(fragments, "listing_rows", lambda *args: drawn.append(1) or listing_rows(*args))
    readers, clients, pages = readers_reading(url, 3)
    assert len(drawn) == 1 and f"<strong>{thread.title}</strong>" in pages[0]
    page(clients[2], english(thread.get_absolute_url()))  # the third reader opens the thread
    seen = page(clients[2], url)
    assert len(drawn) == 2 and f"<strong>{thread.title}</strong>" not in seen and thread.title in seen
    token = CSRF.search(pages[1]).group(1)
    response = clients[1].post(url_of("category-watch", thread.category.slug), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert "Stop watching this category" in page(clients[1], url)


def test_a_renamed_meeting_shows_in_the_remembered_thread_about_it(client):
    from tests.coalitions.factories import MeetingFactory, MembershipFactory

    membership = MembershipFactory()
    forum_ready(membership.person)
    meeting = MeetingFactory(coalition=membership.coalition, title="Jarní setkání")
    client.force_login(membership.person)
    board = CategoryFactory(coalition=membership.coalition)
    thread = ThreadFactory(category=board, about=meeting)
    url = english(thread.get_absolute_url())
    assert "Jarní setkání" in page(client, url)
    meeting.title = "Letní setkání"
    meeting.save()
    html = page(client, url)
    assert "Letní setkání" in html and "Jarní setkání" not in html
