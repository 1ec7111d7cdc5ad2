"""The forum in a real browser: the public reads; a person starts a thread, replies with a quote and edits;
a flagged post is hidden by a moderator and its author sees it hidden; a watcher gets one e-mail about a
reply. Every page kind passes axe (index, category, thread, new thread, reply, edit, queue, search,
unread)."""

import re

import pytest

from discussions.emails import send_pending_notifications
from discussions.models import Flag, Post, Thread, Watch
from tests.accounts.factories import PASSWORD, UserFactory
from tests.browser import check_page, log_in
from tests.discussions.factories import CategoryFactory, PostFactory, ThreadFactory, forum_ready
from tests.i18n import english

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_the_public_reads_along(page, live_server, axe_source):
    category = CategoryFactory(name="Senioři a péče o ně", slug="seniori")
    thread = ThreadFactory(category=category, title="Pořadník čekatelů v domově",
                           first_post__body="Jak často **aktualizujete** pořadník?")
    PostFactory(thread=thread, body="> citace\n\nDvakrát ročně, [metodika](https://www.mpsv.cz/).")

    page.goto(f"{live_server.url}/en/forum/")
    check_page(page, axe_source, h1="Professional discussions")
    page.get_by_role("link", name="Senioři a péče o ně").click()
    page.wait_for_url(re.compile(r"/(?:kategorie|category)/seniori/$"))
    check_page(page, axe_source, h1="Senioři a péče o ně")
    page.get_by_role("link", name="Pořadník čekatelů v domově").click()
    page.wait_for_url(re.compile(rf"/(?:vlakno|thread)/{thread.pk}/$"))
    check_page(page, axe_source, h1="Pořadník čekatelů v domově")
    assert page.locator("main a[rel~=nofollow][href='https://www.mpsv.cz/']").count() == 1

    page.goto(f"{live_server.url}/en/forum/search/?q=poradnik+cekatelu")
    check_page(page, axe_source)
    assert page.get_by_role("link", name="Pořadník čekatelů v domově").count() == 1


def test_a_person_starts_a_thread_replies_with_a_quote_and_edits(page, live_server, axe_source):
    category = CategoryFactory(name="Bydlení", slug="bydleni")
    other = ThreadFactory(category=category, title="Sociální bydlení v malých obcích",
                          first_post__body="Spolupracují u vás obce na společném projektu?")
    person = forum_ready(UserFactory(verified=True, display_name="Jana Nováková"))

    log_in(page, live_server, person.email, PASSWORD)
    page.goto(f"{live_server.url}/en/forum/category/bydleni/")
    page.get_by_role("link", name="Start a thread").click()
    page.wait_for_url(re.compile(r"/(?:nove-vlakno|new-thread)/$"))
    check_page(page, axe_source, h1="Start a thread")
    page.locator("#id_title").fill("Azylový dům – délka pobytu")
    page.locator("#id_body").fill("Jak postupujete, když **pobyt končí**?")
    page.get_by_role("button", name="Publish the thread").click()
    page.wait_for_url(re.compile(r"/(?:vlakno|thread)/\d+/$"))
    check_page(page, axe_source, h1="Azylový dům – délka pobytu")

    page.goto(f"{live_server.url}{english(other.get_absolute_url())}")
    page.locator("main a", has_text="Quote").first.click()
    page.wait_for_url(re.compile(r"/(?:odpovedet|reply)/\?quote=\d+$"))
    check_page(page, axe_source)
    body = page.locator("#id_body")
    assert body.input_value().startswith("> ")
    body.fill(body.input_value() + "U nás ano, pět obcí dohromady.")
    page.get_by_role("button", name="Publish the reply").click()
    page.wait_for_url(re.compile(r"/(?:vlakno|thread)/\d+/(\?page=\d+)?#post-\d+$"))
    reply = Post.objects.get(author=person, thread=other)
    assert reply.quoted_id == other.posts.order_by("pk").first().pk
    assert page.locator(f"#post-{reply.pk} blockquote").count() == 1

    page.locator(f"#post-{reply.pk} a", has_text="Edit").click()
    page.wait_for_url(re.compile(r"/(?:upravit|edit)/$"))
    check_page(page, axe_source, h1="Edit the post")
    page.locator("#id_body").fill("U nás ano, pět obcí dohromady (Kladensko).")
    page.get_by_role("button", name="Save the change").click()
    page.wait_for_url(re.compile(r"#post-\d+$"))
    assert page.locator(f"#post-{reply.pk} a", has_text="edited").count() == 1
    assert Thread.objects.filter(title="Azylový dům – délka pobytu").exists()


def test_a_flag_a_moderator_hides_the_post_and_the_author_sees_it_hidden(page, live_server, axe_source,
                                                                          moderator):
    thread = ThreadFactory(title="Dluhové poradenství")
    spam = PostFactory(thread=thread, body="Nejlevnější půjčky bez registru!")
    reporter = forum_ready(UserFactory(verified=True))

    log_in(page, live_server, reporter.email, PASSWORD)
    page.goto(f"{live_server.url}{english(thread.get_absolute_url())}")
    page.locator(f"#post-{spam.pk} a", has_text="Report").click()
    page.wait_for_url(re.compile(r"/(?:nahlasit|report)/"))
    check_page(page, axe_source)
    page.get_by_label("Spam or advertising").check()
    page.get_by_role("button", name="Send the report").click()
    page.wait_for_url(re.compile(rf"#post-{spam.pk}$"))
    assert Flag.objects.filter(reporter=reporter).count() == 1

    page.context.clear_cookies()
    log_in(page, live_server, moderator.email, PASSWORD)
    page.goto(f"{live_server.url}/en/forum/moderation/")
    check_page(page, axe_source, h1="Moderation queue")
    page.get_by_role("button", name="Accept and hide").click()
    page.wait_for_url(re.compile(r"/(?:moderace|moderation)/$"))
    spam.refresh_from_db()
    assert spam.is_hidden

    page.context.clear_cookies()
    log_in(page, live_server, spam.author.email, PASSWORD)
    page.goto(f"{live_server.url}{english(thread.get_absolute_url())}")
    assert page.locator(f"#post-{spam.pk}", has_text="hidden by the moderators").count() == 1
    assert page.locator(f"#post-{spam.pk}", has_text="Nejlevnější půjčky").count() == 0


def test_a_watcher_gets_one_mail_about_replies(page, live_server, axe_source, mailoutbox):
    thread = ThreadFactory(title="Raná péče – čekací doba")
    watcher = forum_ready(UserFactory(verified=True))
    other = forum_ready(UserFactory(verified=True))

    log_in(page, live_server, watcher.email, PASSWORD)
    page.goto(f"{live_server.url}{english(thread.get_absolute_url())}")
    page.get_by_role("button", name="Watch this thread").click()
    page.wait_for_url(re.compile(rf"/(?:vlakno|thread)/{thread.pk}/$"))
    assert Watch.objects.filter(user=watcher, thread=thread).exists()
    page.goto(f"{live_server.url}/en/forum/unread/")
    check_page(page, axe_source, h1="Unread threads")

    page.context.clear_cookies()
    log_in(page, live_server, other.email, PASSWORD)
    for text in ("U nás čekají měsíc.", "Doplním: od září méně."):
        page.goto(f"{live_server.url}{english(thread.get_absolute_url())}")
        page.locator("#id_body").fill(text)
        page.get_by_role("button", name="Publish the reply").click()
        page.wait_for_url(re.compile(r"#post-\d+$"))
    send_pending_notifications()
    send_pending_notifications()
    assert [mail.to for mail in mailoutbox] == [[watcher.email]]
    assert "Raná péče" in mailoutbox[0].subject


def test_a_moderator_clears_a_spam_wave_from_the_queue(page, live_server, axe_source, moderator):
    from discussions import moderation

    spammer = UserFactory()
    reporter = UserFactory(verified=True)
    spam = [PostFactory(author=spammer, body=f"Půjčka bez registru {n}") for n in range(3)]
    other = PostFactory(body="Nevhodný vtip")
    for post in [*spam, other]:
        moderation.flag(post, by=reporter, reason=Flag.Reason.SPAM)

    log_in(page, live_server, moderator.email, PASSWORD)
    page.goto(f"{live_server.url}/en/forum/moderation/")
    check_page(page, axe_source, h1="Moderation queue")
    page.locator(".forum-queue-item", has_text="Nevhodný vtip").get_by_label(
        "Select for a decision on several reports").check()
    page.get_by_role("button", name="Accept the selected and hide").click()
    page.wait_for_url(re.compile(r"/(?:moderace|moderation)/$"))
    other.refresh_from_db()
    assert other.is_hidden
    # An irreversible action: the queue's link leads to a page that says what will happen, then it acts.
    page.locator(".forum-queue-item").first.get_by_role("link", name=re.compile("^Spammer")).click()
    check_page(page, axe_source, h1=re.escape(f"Silence {spammer.public_name} as a spammer?"))
    assert Post.objects.filter(author=spammer, is_hidden=False).count() == 3  # nothing happened yet
    page.get_by_role("button", name=f"Yes, silence {spammer.public_name}").click()
    page.wait_for_url(re.compile(r"/(?:moderace|moderation)/$"))
    check_page(page, axe_source, h1="Moderation queue")
    assert Post.objects.filter(author=spammer, is_hidden=False).count() == 0
    assert page.get_by_text("Nothing is reported.").count() == 1


def test_the_other_forum_pages_pass_axe(page, live_server, axe_source, moderator):
    """Rules, settings, edit history, moving a thread, suspending, the flag form and the feed-less board."""
    thread = ThreadFactory(title="Supervize – interní nebo externí?")
    post = thread.last_post
    post.edit(body="Upravené znění", by=post.author, reason="Překlep")
    forum_ready(moderator)
    log_in(page, live_server, moderator.email, PASSWORD)
    for path, h1 in [("/en/forum/rules/", "Rules of the forum"),
                     ("/en/forum/settings/", "Forum settings"),
                     (f"/en/forum/post/{post.pk}/history/", "Edit history"),
                     (f"/en/forum/thread/{thread.pk}/move/", "Move the thread"),
                     (f"/en/forum/moderation/suspend/{post.author_id}/", "Suspend"),
                     (f"/en/forum/report/discussions.post/{post.pk}/", "Report to the moderators")]:
        page.goto(f"{live_server.url}{path}")
        check_page(page, axe_source, h1=h1)
    page.goto(f"{live_server.url}{english(thread.get_absolute_url())}")
    check_page(page, axe_source)  # as a moderator: the moderation panel and the per-post tools
