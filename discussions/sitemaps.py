from discussions.models import Thread
from core.sitemaps import I18nSitemap


class ThreadSitemap(I18nSitemap):
    """Threads the public may read (never members-only boards or hidden threads)."""

    changefreq = "daily"
    limit = 5000

    def items(self):
        return Thread.objects.public().only("pk", "last_post_at").order_by("pk")

    def lastmod(self, thread):
        return thread.last_post_at
