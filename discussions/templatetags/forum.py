from django import template

from discussions.models import Thread

register = template.Library()

RELATED_THREADS = 5


@register.inclusion_tag("discussions/_related_threads.html")
def related_threads(service_type):
    """Public threads about a service type (for the registry's service pages): one query."""
    threads = []
    if service_type is not None:
        threads = list(Thread.objects.public().filter(service_type=service_type)
                       .order_by("-last_post_at", "-pk").only("pk", "title", "last_post_at", "post_count")
                       [:RELATED_THREADS])
    return {"threads": threads, "service_type": service_type}
