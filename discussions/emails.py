"""Mails about new posts in watched threads and categories, batched.

The view that publishes a post calls `queue_post_notifications(post)` after commit: every watcher of
the thread or of its category (except the author, and except people who may no longer read it) gets a
pending row in the ThreadNotification outbox. `send_pending_notifications()` (the management command
`send_forum_notifications`, run every few minutes by cron on any node) sends one mail per row that is
due, i.e. at most one mail per person and thread per FORUM_NOTIFICATION_MINUTES, however many posts
came in between. Rows are claimed with SELECT … FOR UPDATE SKIP LOCKED, so two nodes running the
command at once never mail anybody twice.

Each mail carries an unsubscribe link (a signed token of person and thread, core.tokens) that works
without logging in. Mails are rendered in the recipient's language and sent by core.mail.
"""

import datetime as dt

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from core.mail import absolute_url, in_language, render_templated, send_messages
from core.tokens import ONE_YEAR, SignedToken, pk_list
from discussions import permissions
from discussions.models import Post, ThreadNotification, Watch

UNSUBSCRIBE_SALT = "discussions.unsubscribe"
UNSUBSCRIBE_MAX_AGE = ONE_YEAR
# [user pk, thread pk]; same salt and format as before core.tokens: links already sent keep working.
UNSUBSCRIBE = SignedToken(UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE, shape=pk_list(2))


def unsubscribe_token(user, thread) -> str:
    return UNSUBSCRIBE.make([user.pk, thread.pk])


def read_unsubscribe_token(token: str) -> tuple[int, int] | None:
    """(user pk, thread pk) of a valid token; None for a forged, damaged or expired one."""
    value = UNSUBSCRIBE.read(token)
    return (value[0], value[1]) if value is not None else None


def queue_post_notifications(post: Post) -> int:
    """Put the thread into the outbox of every watcher (idempotent: one row per person and thread)."""
    thread = post.thread
    watcher_ids = set(Watch.objects.filter(Q(thread=thread) | Q(category_id=thread.category_id))
                      .exclude(user_id=post.author_id).values_list("user_id", flat=True))
    if not watcher_ids:
        return 0
    existing = set(ThreadNotification.objects.filter(thread=thread, user_id__in=watcher_ids)
                   .values_list("user_id", flat=True))
    ThreadNotification.objects.filter(thread=thread, user_id__in=existing, pending=False).update(
        pending=True, since=post.created_at)
    ThreadNotification.objects.bulk_create(
        [ThreadNotification(user_id=uid, thread=thread, since=post.created_at)
         for uid in watcher_ids - existing],
        ignore_conflicts=True)
    return len(watcher_ids)


def _message(row: ThreadNotification, posts: list[Post]):
    person, thread = row.user, row.thread
    with in_language(person.language):
        unsubscribe_url = absolute_url(reverse("discussions:unsubscribe", args=[unsubscribe_token(person, thread)]))
        context = {"person": person, "thread": thread, "posts": posts, "count": len(posts),
                   "first_url": absolute_url(posts[0].get_absolute_url()), "unsubscribe_url": unsubscribe_url}
    return render_templated("discussions/emails/new_posts", context, [person.email], language=person.language,
                            headers={"List-Unsubscribe": f"<{unsubscribe_url}>"})


def send_pending_notifications(*, now=None, batch: int = 500) -> int:
    """Send the due mails; returns how many went out."""
    now = now or timezone.now()
    interval = dt.timedelta(minutes=settings.FORUM_NOTIFICATION_MINUTES)
    due = (ThreadNotification.objects.filter(pending=True)
           .filter(Q(last_mailed_at__isnull=True) | Q(last_mailed_at__lte=now - interval))
           .select_related("user", "thread__category__coalition").order_by("pk"))
    sent = 0
    with transaction.atomic():
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True, of=("self",))
        rows = list(due[:batch])
        messages = []
        for row in rows:
            row.pending, row.last_mailed_at = False, now
            person = row.user
            if not (person.email and person.is_active and permissions.can_read_thread(person, row.thread)):
                continue
            posts = list(row.thread.posts.published().filter(created_at__gte=row.since, is_hidden=False)
                         .exclude(author=person).select_related("author")[:20])
            if posts:
                messages.append(_message(row, posts))
        ThreadNotification.objects.bulk_update(rows, ["pending", "last_mailed_at"])
        sent = send_messages(messages, what="forum notifications")
    return sent
