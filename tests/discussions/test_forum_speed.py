"""The thread and category pages of signed-in people keep what everybody sees of a post or a thread row in
memory (discussions/fragments.py, core.pagecache.remember): the next request after any change shows it,
and each viewer still gets their own buttons and "unread" markers."""

import re

import pytest
from django.utils import translation

from discussions import fragments, moderation
from discussions.models import Post
from tests.accounts.factories import UserFactory
from tests.discussions.factories import CategoryFactory, PostFactory, ThreadFactory, forum_ready
from tests.discussions.pages import page, url_of
from tests.i18n import english

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_on")]

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


@pytest.fixture
def renders(monkeypatch):
    """How many times the posts' and the rows' fragments were drawn."""
    counts = {"posts": 0, "rows": 0}
    draw_posts, draw_rows = fragments._render_posts, fragments._render_rows

    def posts(*args, **kwargs):
        counts["posts"] += 1
        return draw_posts(*args, **kwargs)

    def rows(*args, **kwargs):
        counts["rows"] += 1
        return draw_rows(*args, **kwargs)

    monkeypatch.setattr(fragments, "_render_posts", posts)
    monkeypatch.setattr(fragments, "_render_rows", rows)
    return counts


def en(url):
    return english(url)


def test_a_post_is_drawn_once_and_each_viewer_gets_their_own_buttons(client, thread, author, reader, renders):
    url = en(thread.get_absolute_url())
    post = thread.posts.order_by("pk").last()
    client.force_login(author)
    own = page(client, url)
    client.force_login(reader)
    other = page(client, url)
    again = page(client, url)
    assert renders["posts"] == 1  # the second viewer and the second request got the remembered fragments
    edit, delete = url_of("post-edit", post.pk), url_of("post-delete", post.pk)
    report = url_of("flag", "discussions.post", post.pk)
    assert f'href="{edit}"' in own and f'action="{delete}"' in own and report not in own
    assert edit not in other and delete not in other and f'href="{report}"' in other
    assert CSRF.sub("", other) == CSRF.sub("", again)  # the token is masked anew for each response
    assert "<strong>40</strong>" in own and "<strong>40</strong>" in other  # the rendered markdown


def test_an_edit_shows_on_the_next_request(client, thread, author, reader):
    url = en(thread.get_absolute_url())
    post = thread.posts.order_by("pk").last()
    client.force_login(reader)
    assert "Máme pořadník" in page(client, url)
    post.edit(body="Pořadník jsme zrušili, <script>alert(1)</script>", by=author)
    html = page(client, url)
    assert "Pořadník jsme zrušili" in html and "Máme pořadník" not in html
    assert "<script>alert(1)</script>" not in html  # still sanitised on the server
    assert ">edited</a>" in html


def test_a_hidden_post_shows_hidden_on_the_next_request(client, thread, reader, moderator):
    url = en(thread.get_absolute_url())
    post = thread.posts.order_by("pk").last()
    client.force_login(reader)
    page(client, url)
    client.force_login(moderator)
    page(client, url)
    moderation.hide(post, by=moderator, reason="Reklama na firmu")
    moderator_sees = page(client, url)
    client.force_login(reader)
    reader_sees = page(client, url)
    assert "This post is hidden by the moderators." in reader_sees
    assert "Máme pořadník" not in reader_sees and "Reklama na firmu" not in reader_sees
    assert "Máme pořadník" in moderator_sees and "Reklama na firmu" in moderator_sees  # text and reason
    assert "Show again" in moderator_sees and "Show again" not in reader_sees
    moderation.unhide(post, by=moderator)
    assert "Máme pořadník" in page(client, url)


def test_a_new_reply_shows_on_the_next_request(client, thread, author, reader):
    url = en(thread.get_absolute_url())
    client.force_login(reader)
    page(client, url)
    reply = PostFactory(thread=thread, author=author, body="Nová odpověď k pořadníku.")
    html = page(client, url)
    assert "Nová odpověď k pořadníku." in html and f'id="post-{reply.pk}"' in html


def test_a_new_name_and_a_deleted_account_show_on_the_next_request(client, thread, author, reader):
    url = en(thread.get_absolute_url())
    client.force_login(reader)
    assert "Jana Autorka" in page(client, url)
    author.display_name = "Jana Nováková"
    author.save()
    html = page(client, url)
    assert "Jana Nováková" in html and "Jana Autorka" not in html
    author.delete()
    html = page(client, url)
    assert "Jana Nováková" not in html and "a former member" in html


def test_the_viewer_s_language_shows_on_the_next_request(client, thread, reader, renders):
    czech = thread.get_absolute_url()
    post = thread.posts.order_by("pk").last()
    client.force_login(reader)
    cs = page(client, czech)
    english_page = page(client, en(czech))
    assert renders["posts"] == 2  # one fragment per language
    with translation.override("cs"):
        czech_permalink = post.get_absolute_url()
    with translation.override("en"):
        english_permalink = post.get_absolute_url()
    assert czech_permalink != english_permalink
    assert f'href="{czech_permalink}"' in cs and f'href="{english_permalink}"' not in cs
    assert f'href="{english_permalink}"' in english_page and f'href="{czech_permalink}"' not in english_page
    assert "Quote<span" in english_page and "Quote<span" not in cs


def test_a_waiting_post_shows_to_its_author_only(client, thread, reader, author):
    url = en(thread.get_absolute_url())
    newcomer = forum_ready(UserFactory(verified=True))
    waiting = thread.add_post(author=newcomer, body="Čekám na schválení.", pending=True)
    client.force_login(reader)
    assert "Čekám na schválení." not in page(client, url)
    client.force_login(newcomer)
    html = page(client, url)
    assert "Čekám na schválení." in html and "waiting for approval" in html
    waiting.approve()
    client.force_login(reader)
    assert "Čekám na schválení." in page(client, url)


def test_the_category_page_remembers_its_rows_but_not_the_unread_markers(client, author, reader, renders):
    category = CategoryFactory()
    first = ThreadFactory(category=category, author=author, title="Čekací listiny")
    ThreadFactory(category=category, author=author, title="Terénní služby")
    url = en(category.get_absolute_url())
    client.force_login(reader)
    page(client, en(first.get_absolute_url()))  # the reader has read the first thread
    html = page(client, url)
    assert "Čekací listiny</a>" in html  # read: not bold
    assert "<strong>Terénní služby</strong>" in html
    client.force_login(author)
    html = page(client, url)
    assert "<strong>Čekací listiny</strong>" in html  # the author's own view: not read yet
    assert renders["rows"] == 1
    PostFactory(thread=first, author=author, body="Nová odpověď.")
    client.force_login(reader)
    html = page(client, url)
    assert "<strong>Čekací listiny</strong>" in html  # a new post since the reader's visit
    third = ThreadFactory(category=category, author=author, title="Nové vlákno")
    html = page(client, url)
    assert "Nové vlákno" in html and html.index("Nové vlákno") < html.index("Čekací listiny")
    first.title = "Čekací listiny v domovech"
    first.save()
    assert "Čekací listiny v domovech" in page(client, url)
    moderation.hide(third, by=UserFactory(verified=True), reason="Duplicita")
    assert "Nové vlákno" not in page(client, url)


def test_fragments_are_remembered_only_with_the_page_cache_on(client, thread, reader, renders, settings):
    settings.REGISTRY_PAGE_CACHE_SECONDS = 0
    client.force_login(reader)
    page(client, thread.get_absolute_url())
    page(client, thread.get_absolute_url())
    assert renders["posts"] == 2
    assert Post.objects.filter(thread=thread).count() == 2
