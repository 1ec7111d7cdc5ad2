from django import template
from django.template.loader import render_to_string

from core.pagecache import remember

from discussions import fragments
from discussions.models import Thread

register = template.Library()

RELATED_THREADS = 5


@register.simple_tag
def related_threads(service_type):
    """Public threads about a service type (for the registry's service pages), drawn once per generation of
    the forum's data and kept (core.pagecache.remember): one query the first time, none after."""
    if service_type is None:
        return ""

    def draw():
        threads = list(Thread.objects.public().filter(service_type=service_type)
                       .order_by("-last_post_at", "-pk").only("pk", "title", "last_post_at", "post_count")
                       [:RELATED_THREADS])
        return render_to_string("discussions/_related_threads.html", {"threads": threads})

    return remember(("discussions",), ("related-threads", service_type.pk), draw)


@register.simple_tag
def thread_rows(threads, show_category=False):
    """The rows of a thread table (templates/discussions/_thread_row.html), remembered per page of threads;
    only the "unread" marker is drawn per viewer (discussions/fragments.py)."""
    return fragments.thread_rows(threads, show_category=bool(show_category))
