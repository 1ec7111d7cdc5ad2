"""Fixtures of the forum's tests of what signed-in pages take from memory (test_forum_speed.py,
test_forum_remembered.py): an author, a reader, a thread of two posts, and the page cache switched on."""

import pytest

from tests.accounts.factories import UserFactory
from tests.discussions.factories import PostFactory, ThreadFactory, forum_ready


@pytest.fixture
def page_cache_on(settings):
    settings.REGISTRY_PAGE_CACHE_SECONDS = 300


@pytest.fixture
def author(db):
    return forum_ready(UserFactory(verified=True, display_name="Jana Autorka"))


@pytest.fixture
def reader(db):
    return forum_ready(UserFactory(verified=True, display_name="Petr Čtenář"))


@pytest.fixture
def thread(author):
    thread = ThreadFactory(author=author, title="Pořadníky v domovech", first_post__body="Úvodní otázka vlákna.")
    PostFactory(thread=thread, author=author, body="Máme pořadník na **40** lidí.")
    return thread
