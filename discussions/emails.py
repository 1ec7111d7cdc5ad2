"""Mails about new posts in watched threads and categories, batched.

The view that publishes a post calls `queue_post_notifications(post)` after commit: every watcher of
the thread or of its category (except the author, and except people who may no longer read it) gets a
pending row in the ThreadNotification outbox. `send_pending_notifications()` (the management command
`send_forum_notifications`, run every few minutes by cron on any node) sends one mail per row that is
due, i.e. at most one mail per person and thread per FORUM_NOTIFICATION_MINUTES, however many posts
came in between. Rows are claimed with SELECT … FOR UPDATE SKIP LOCKED, so two nodes running the
command at once never mail anybody twice.

Each mail carries an unsubscribe link (a signed token of person and thread) that works without logging in.
"""

import datetime as dt
import logging

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives, mailers
from django.db import connection, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from discussions import permissions
from discussions.models import Post, ThreadNotification, Watch

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "discussions.unsubscribe"
UNSUBSCRIBE_MAX_AGE = 60 * 60 * 24 * 365


def unsubscribe_token(user, thread) -> str:
    return signing.dumps([user.pk, thread.pk], salt=UNSUBSCRIBE_SALT)


def read_unsubscribe_token(token: str) -> tuple[int, int] | None:
    """(user pk, thread pk) of a valid token; None for a forged, damaged or expired one."""
    try:
        value = signing.loads(token, salt=UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_MAX_AGE)
    except signing.BadSignature:
        return None
    if isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return value[0], value[1]
    return None


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


def _message(row: ThreadNotification, posts: list[Post]) -> EmailMultiAlternatives:
    person, thread = row.user, row.thread
    with translation.override(person.language or settings.LANGUAGE_CODE):
        unsubscribe_url = settings.SITE_URL + reverse("discussions:unsubscribe",
                                                      args=[unsubscribe_token(person, thread)])
        context = {"person": person, "thread": thread, "posts": posts, "count": len(posts),
                   "first_url": settings.SITE_URL + posts[0].get_absolute_url(),
                   "unsubscribe_url": unsubscribe_url}
        subject = " ".join(render_to_string("discussions/emails/new_posts_subject.txt", context).split())
        body = render_to_string("discussions/emails/new_posts_body.txt", context)
        html = render_to_string("discussions/emails/new_posts_body.html", context)
    mail = EmailMultiAlternatives(subject, body, settings.DEFAULT_FROM_EMAIL, [person.email],
                                  headers={"List-Unsubscribe": f"<{unsubscribe_url}>"})
    mail.attach_alternative(html, "text/html")
    return mail


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
        if messages:
            try:
                sent = mailers.default.send_messages(messages) or 0
            except OSError:
                logger.exception("Could not send %d forum notifications", len(messages))
    return sent
