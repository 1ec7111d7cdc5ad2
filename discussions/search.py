"""Forum search: thread titles and post texts, ignoring diacritics and case.

Both are stored normalised (`Thread.search_title`, `Post.search_text`: lower case without diacritics,
the same `normalize_search_text` the registry uses), so one plain `contains` per word works the same on
PostgreSQL and SQLite; every word must occur in the title or in one visible post of the thread."""

import re

from django.db.models import Exists, OuterRef, Q

from discussions.models import Post
from core.text import normalize_search_text

MAX_WORDS = 8


def search_words(text: str) -> list[str]:
    return list(dict.fromkeys(re.findall(r"\w+", normalize_search_text(text[:200]))))[:MAX_WORDS]


def search_threads(threads, text: str, *, category=None, since=None, until=None):
    """`threads` narrowed to those matching every word; newest activity first."""
    posts = Post.objects.filter(thread=OuterRef("pk"), is_pending=False, is_hidden=False, is_deleted=False)
    for word in search_words(text):
        threads = threads.filter(Q(search_title__contains=word)
                                 | Exists(posts.filter(search_text__contains=word)))
    if category is not None:
        threads = threads.filter(category=category)
    if since is not None:
        threads = threads.filter(last_post_at__date__gte=since)
    if until is not None:  # __date, not "until + 1 day": that would overflow on 9999-12-31
        threads = threads.filter(created_at__date__lte=until)
    return threads.order_by("-last_post_at", "-pk")
