"""core.prepared: a queryset compiled once per connection answers as the queryset does, with the run's values."""

import datetime as dt

import pytest
from django.db import connection
from django.db.models import Exists, OuterRef, Subquery
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.prepared import PreparedValues
from discussions.models import Thread, ThreadRead, Watch
from tests.accounts.factories import UserFactory
from tests.discussions.factories import ThreadFactory

pytestmark = pytest.mark.django_db


def answers(user, thread):
    return Thread.objects.filter(pk=thread).values_list(
        Exists(Watch.objects.filter(user=user, thread=OuterRef("pk"))),
        Subquery(ThreadRead.objects.filter(user=user, thread=thread).values("read_at")[:1]))


def test_it_answers_as_the_queryset_with_each_run_s_values():
    first, second = ThreadFactory(), ThreadFactory()
    person, other = UserFactory(), UserFactory()
    read_at = timezone.now() - dt.timedelta(days=1)
    Watch.objects.create(user=person, thread=first)
    ThreadRead.objects.create(user=person, thread=first, read_at=read_at)
    built = []

    def build(user, thread):
        built.append(1)
        return answers(user, thread)

    prepared = PreparedValues(build)
    cases = [(person, first), (person, second), (other, first), (other, second)]
    for user, thread in cases:
        with CaptureQueriesContext(connection) as queries:
            got = prepared.first(user=user.pk, thread=thread.pk)
        assert len(queries) == 1
        assert got == answers(user.pk, thread.pk).get()
    assert prepared.first(user=person.pk, thread=first.pk) == (True, read_at)
    assert prepared.first(user=person.pk, thread=10**9) is None  # no such thread: no row
    assert len(built) == 1  # built and compiled at the first run only


def test_a_builder_that_does_not_pass_its_argument_is_refused():
    connection.__dict__.pop("_prepared_values", None)
    broken = PreparedValues(lambda user: Thread.objects.filter(pk=1).values_list("pk"))
    with pytest.raises(ValueError, match="user"):
        broken.all(user=1)
