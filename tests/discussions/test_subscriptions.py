"""Watching and mails: replies by others give one mail per thread per 15 minutes, however many; the
unsubscribe link works without logging in; the author is never told about their own post."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from discussions.emails import send_pending_notifications, unsubscribe_token
from discussions.models import ThreadNotification, Watch
from tests.discussions.factories import ThreadFactory, forum_ready
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def thread_with_watcher(client):
    thread = ThreadFactory()
    Watch.objects.create(user=thread.author, thread=thread)
    return thread


def _reply(client, person, thread, body):
    client.force_login(person)
    response = client.post(reverse("discussions:thread-reply", args=[thread.pk]), {"body": body})
    assert response.status_code == 302


def test_several_replies_within_15_minutes_give_one_mail(client, thread_with_watcher, mailoutbox,
                                                         django_capture_on_commit_callbacks):
    thread = thread_with_watcher
    other = forum_ready(UserFactory(verified=True))
    with django_capture_on_commit_callbacks(execute=True):
        _reply(client, other, thread, "První odpověď")
    call_command("send_forum_notifications")
    with django_capture_on_commit_callbacks(execute=True):
        _reply(client, other, thread, "Druhá odpověď")
        _reply(client, other, thread, "Třetí odpověď")
    call_command("send_forum_notifications")
    call_command("send_forum_notifications")
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [thread.author.email]
    assert "První odpověď" in mail.body
    # After the interval, the waiting posts go out in one more mail.
    send_pending_notifications(now=timezone.now() + dt.timedelta(minutes=16))
    assert len(mailoutbox) == 2
    assert "Druhá odpověď" in mailoutbox[1].body and "Třetí odpověď" in mailoutbox[1].body


def test_the_author_of_the_post_gets_no_mail(client, thread_with_watcher, mailoutbox,
                                             django_capture_on_commit_callbacks):
    forum_ready(thread_with_watcher.author)
    with django_capture_on_commit_callbacks(execute=True):
        _reply(client, thread_with_watcher.author, thread_with_watcher, "Doplňuji sám sebe")
    send_pending_notifications()
    assert mailoutbox == []


def test_replying_watches_the_thread_unless_switched_off(client):
    thread = ThreadFactory()
    person = forum_ready(UserFactory(verified=True))
    _reply(client, person, thread, "Ahoj")
    assert Watch.objects.filter(user=person, thread=thread).exists()
    other = forum_ready(UserFactory(verified=True))
    client.force_login(other)
    client.post(reverse("discussions:preferences"), {})
    _reply(client, other, thread, "Bez sledování")
    assert not Watch.objects.filter(user=other, thread=thread).exists()


def test_category_watchers_hear_about_new_threads(client, mailoutbox, django_capture_on_commit_callbacks):
    thread = ThreadFactory()
    watcher = UserFactory(verified=True)
    Watch.objects.create(user=watcher, category=thread.category)
    with django_capture_on_commit_callbacks(execute=True):
        _reply(client, forum_ready(UserFactory(verified=True)), thread, "Nový příspěvek v kategorii")
    send_pending_notifications()
    assert [m.to for m in mailoutbox] == [[watcher.email]]


def test_unsubscribe_without_logging_in(client, thread_with_watcher):
    thread = thread_with_watcher
    url = reverse("discussions:unsubscribe", args=[unsubscribe_token(thread.author, thread)])
    assert client.get(url).status_code == 200
    assert Watch.objects.filter(user=thread.author).exists()  # GET only asks
    client.post(url)
    assert not Watch.objects.filter(user=thread.author).exists()
    assert client.get(reverse("discussions:unsubscribe", args=["forged"])).status_code == 400


def test_a_second_run_on_another_node_sends_nothing_twice(client, thread_with_watcher, mailoutbox):
    ThreadNotification.objects.create(user=thread_with_watcher.author, thread=thread_with_watcher,
                                      since=timezone.now() - dt.timedelta(minutes=1))
    from tests.discussions.factories import PostFactory

    PostFactory(thread=thread_with_watcher)
    assert send_pending_notifications() == 1
    assert send_pending_notifications() == 0
    assert len(mailoutbox) == 1


def test_the_mail_has_an_unsubscribe_header(client, thread_with_watcher, mailoutbox,
                                            django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _reply(client, forum_ready(UserFactory(verified=True)), thread_with_watcher, "Odpověď")
    send_pending_notifications()
    assert "/diskuse/odhlasit/" in mailoutbox[0].extra_headers["List-Unsubscribe"]


@pytest.mark.django_db(transaction=True)
def test_two_nodes_sending_at_once_mail_everybody_exactly_once(mailoutbox):
    """Two workers claim the outbox rows with SELECT … FOR UPDATE SKIP LOCKED: no mail goes out twice."""
    import threading

    from django.db import connection

    from tests.discussions.factories import PostFactory

    thread = ThreadFactory()
    PostFactory(thread=thread)
    watchers = [UserFactory(verified=True) for _ in range(12)]
    ThreadNotification.objects.bulk_create([
        ThreadNotification(user=person, thread=thread, since=timezone.now() - dt.timedelta(hours=1))
        for person in watchers])
    barrier, sent = threading.Barrier(2), []

    def node():
        try:
            barrier.wait()
            sent.append(send_pending_notifications(batch=5))
            sent.append(send_pending_notifications(batch=50))
        finally:
            connection.close()

    workers = [threading.Thread(target=node) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert sum(sent) == len(watchers)
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(person.email for person in watchers)
