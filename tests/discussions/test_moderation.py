"""Flags, the queue, hiding and the log: three flags from verified people hide a post; the queue accepts
or rejects; first posts of new accounts wait for approval; every decision is logged."""

import pytest
from django.urls import reverse

from discussions import moderation
from discussions.models import Flag, ModerationAction, Post, Suspension
from tests.accounts.factories import UserFactory
from tests.discussions.factories import PostFactory, ThreadFactory, forum_ready
from tests.i18n import english

pytestmark = pytest.mark.django_db


def test_three_flags_from_verified_people_hide_a_post(client):
    post = PostFactory()
    for _ in range(2):
        moderation.flag(post, by=UserFactory(verified=True), reason=Flag.Reason.SPAM)
    moderation.flag(post, by=UserFactory(), reason=Flag.Reason.SPAM)  # not verified: does not count
    post.refresh_from_db()
    assert not post.is_hidden
    moderation.flag(post, by=UserFactory(verified=True), reason=Flag.Reason.ABUSIVE)
    post.refresh_from_db()
    assert post.is_hidden
    assert ModerationAction.objects.get().action == ModerationAction.Action.AUTO_HIDE


def test_flagging_twice_keeps_one_flag(client, verified_user):
    post = PostFactory()
    client.force_login(verified_user)
    url = reverse("discussions:flag", args=["discussions.post", post.pk])
    assert client.get(url).status_code == 200
    for _ in range(2):
        assert client.post(url, {"reason": "spam", "note": "Reklama"}).status_code == 302
    assert Flag.objects.count() == 1


def test_only_registered_models_can_be_flagged(client, verified_user):
    client.force_login(verified_user)
    url = reverse("discussions:flag", args=["accounts.user", verified_user.pk])
    assert client.get(url).status_code == 404
    assert client.get(reverse("discussions:flag", args=["nonsense", 1])).status_code == 404


def test_the_queue_accepts_a_flag(client, moderator):
    post = PostFactory()
    report, _created = moderation.flag(post, by=UserFactory(verified=True), reason=Flag.Reason.SPAM)
    client.force_login(moderator)
    queue = client.get(english(reverse("discussions:queue")))
    assert post.body in queue.content.decode()
    client.post(reverse("discussions:flag-resolve", args=[report.pk]),
                {"decision": "accept", "reason": "Reklama"})
    post.refresh_from_db()
    report.refresh_from_db()
    assert post.is_hidden and post.hidden_reason == "Reklama"
    assert report.status == Flag.Status.ACCEPTED and report.reviewed_by == moderator
    log = ModerationAction.objects.get()
    assert (log.actor, log.action, log.reason) == (moderator, ModerationAction.Action.ACCEPT_FLAG, "Reklama")
    assert post.body not in client.get(reverse("discussions:queue")).content.decode()


def test_rejecting_shows_a_post_the_flags_alone_had_hidden(client, moderator):
    post = PostFactory()
    for _ in range(3):
        report, _created = moderation.flag(post, by=UserFactory(verified=True), reason=Flag.Reason.OFF_TOPIC)
    post.refresh_from_db()
    assert post.is_hidden
    client.force_login(moderator)
    client.post(reverse("discussions:flag-resolve", args=[report.pk]), {"decision": "reject"})
    post.refresh_from_db()
    assert not post.is_hidden
    assert not Flag.objects.pending().exists()


def test_the_author_sees_the_post_hidden_and_others_not_its_text(client, moderator):
    post = PostFactory(body="Tohle je nevhodný text")
    moderation.hide(post, by=moderator, reason="Urážky")
    client.force_login(post.author)
    html = client.get(english(post.thread.get_absolute_url())).content.decode()
    assert "hidden by the moderators" in html
    assert "nevhodný text" not in html
    client.force_login(moderator)
    assert "nevhodný text" in client.get(post.thread.get_absolute_url()).content.decode()


def test_first_posts_of_new_accounts_wait_for_approval(client, moderator, settings, mailoutbox):
    settings.FORUM_PREMODERATION_POSTS = 1
    newcomer = forum_ready(UserFactory())
    thread = ThreadFactory()
    client.force_login(newcomer)
    client.post(reverse("discussions:thread-reply", args=[thread.pk]), {"body": "Dobrý den, jsem tu nový."})
    post = Post.objects.get(body="Dobrý den, jsem tu nový.")
    assert post.is_pending
    # The author sees their own text, marked as waiting, under one notice; nobody else sees it.
    own_view = client.get(english(thread.get_absolute_url()), follow=True).content.decode()
    assert "jsem tu nový" in own_view
    assert own_view.count("wait for a moderator") == 1 and "waiting for approval</span>" in own_view
    other = forum_ready(UserFactory())
    client.force_login(other)
    assert "jsem tu nový" not in client.get(thread.get_absolute_url()).content.decode()
    client.logout()
    assert "jsem tu nový" not in client.get(thread.get_absolute_url()).content.decode()
    client.force_login(moderator)
    assert "jsem tu nový" in client.get(reverse("discussions:queue")).content.decode()
    client.post(reverse("discussions:post-approve", args=[post.pk]))
    post.refresh_from_db()
    thread.refresh_from_db()
    assert not post.is_pending and thread.post_count == 2
    # The second post of the same person is published at once.
    client.force_login(newcomer)
    client.post(reverse("discussions:thread-reply", args=[thread.pk]), {"body": "Druhý příspěvek"})
    assert not Post.objects.get(body="Druhý příspěvek").is_pending


def test_moderators_edit_with_a_reason_and_it_is_logged(client, moderator):
    post = PostFactory(body="Původní text")
    client.force_login(moderator)
    url = reverse("discussions:post-edit", args=[post.pk])
    response = client.post(url, {"body": "Upravený text"})
    assert response.status_code == 400  # the reason is required
    client.post(url, {"body": "Upravený text", "reason": "Odstraněno jméno klienta"})
    post.refresh_from_db()
    assert post.body == "Upravený text" and post.edited_by == moderator
    assert post.revisions.get().body == "Původní text"
    assert ModerationAction.objects.get().action == ModerationAction.Action.EDIT
    history = client.get(reverse("discussions:post-history", args=[post.pk])).content.decode()
    assert "Původní text" in history and "Odstraněno jméno klienta" in history


def test_lock_pin_move_and_suspend_are_logged(client, moderator):
    from tests.discussions.factories import CategoryFactory

    thread = ThreadFactory()
    target = CategoryFactory()
    client.force_login(moderator)
    client.post(reverse("discussions:thread-moderate", args=[thread.pk, "pin"]))
    client.post(reverse("discussions:thread-moderate", args=[thread.pk, "lock"]))
    client.post(reverse("discussions:thread-move", args=[thread.pk]), {"category": target.pk})
    client.post(reverse("discussions:suspend", args=[thread.author.pk]), {"days": 7, "reason": "Spam"})
    thread.refresh_from_db()
    assert thread.is_pinned and thread.is_locked and thread.category == target
    assert Suspension.objects.active().filter(user=thread.author).exists()
    actions = sorted(ModerationAction.objects.values_list("action", flat=True))
    assert actions == ["lock", "move", "pin", "suspend"]
    assert client.post(reverse("discussions:thread-moderate", args=[thread.pk, "explode"])).status_code == 404


def test_authors_delete_their_post_and_a_placeholder_stays(client):
    post = PostFactory(body="Omyl, smažu")
    client.force_login(post.author)
    client.post(reverse("discussions:post-delete", args=[post.pk]))
    html = client.get(english(post.thread.get_absolute_url())).content.decode()
    assert "The author deleted this post." in html
    assert "Omyl, smažu" not in html


def test_a_spam_wave_is_handled_in_bulk_from_the_queue(client, moderator):
    reporter = UserFactory(verified=True)
    posts = [PostFactory(body=f"Levné půjčky {n}") for n in range(8)]
    reports = [moderation.flag(post, by=reporter, reason=Flag.Reason.SPAM)[0] for post in posts]
    client.force_login(moderator)
    response = client.post(reverse("discussions:flag-bulk"),
                           {"decision": "accept", "flag": [r.pk for r in reports[:6]] + ["x"]})
    assert response.status_code == 302
    assert Post.objects.filter(is_hidden=True).count() == 6
    assert Flag.objects.pending().count() == 2
    client.post(reverse("discussions:flag-bulk"), {"decision": "reject", "flag": [r.pk for r in reports[6:]]})
    assert not Flag.objects.pending().exists()
    assert Post.objects.filter(is_hidden=True).count() == 6


def test_silencing_a_spammer_hides_everything_and_suspends(client, moderator):
    spammer = forum_ready(UserFactory())
    thread = ThreadFactory(author=spammer, first_post__body="Kupte si to!")
    others = PostFactory(thread=thread)  # someone else's reply stays
    for n in range(3):
        PostFactory(author=spammer, body=f"Spam {n}")
    first = thread.posts.order_by("pk").first()
    report, _created = moderation.flag(first, by=UserFactory(verified=True), reason=Flag.Reason.SPAM)
    client.force_login(moderator)
    queue = client.get(english(reverse("discussions:queue"))).content.decode()
    assert f"hide everything by {spammer.public_name}" in queue
    # The queue names the thread and the author, not a number.
    assert f"Post by {spammer.public_name} in the thread “{thread.title}”" in queue
    url = reverse("discussions:silence-spammer", args=[spammer.pk])
    # An irreversible action takes two steps: the page says what will happen, without JavaScript.
    confirmation = client.get(english(url))
    assert confirmation.status_code == 200
    assert "hide 4 items from “posts”" in confirmation.content.decode()
    # A POST without the confirmation (an old form, a forged request) changes nothing.
    assert client.post(url, {"reason": "Spam vlna"}).status_code == 400
    assert Post.objects.filter(author=spammer, is_hidden=True).count() == 0
    assert not Suspension.objects.filter(user=spammer).exists()
    client.post(url, {"reason": "Spam vlna", "confirm": "yes"})
    assert Post.objects.filter(author=spammer, is_hidden=False).count() == 0
    assert Post.objects.filter(author=spammer, is_hidden=True).count() == 4
    others.refresh_from_db()
    thread.refresh_from_db()
    assert not others.is_hidden and thread.is_locked
    assert Suspension.objects.active().filter(user=spammer).exists()
    assert ModerationAction.objects.filter(action="hide").count() == 4
    report.refresh_from_db()
    assert report.status == Flag.Status.ACCEPTED


def test_only_global_moderators_silence_and_never_a_moderator(client, moderator):
    from tests.coalitions.factories import MembershipFactory

    coalition_coordinator = MembershipFactory(role="coordinator").person
    victim = UserFactory()
    client.force_login(coalition_coordinator)
    assert client.post(reverse("discussions:silence-spammer", args=[victim.pk]), {"confirm": "yes"}).status_code == 403
    assert client.get(reverse("discussions:silence-spammer", args=[victim.pk])).status_code == 403
    client.force_login(moderator)
    other_moderator = UserFactory(verified=True, roles=["moderator"])
    assert client.post(reverse("discussions:silence-spammer", args=[other_moderator.pk]),
                       {"confirm": "yes"}).status_code == 403
    assert not Suspension.objects.exists()
