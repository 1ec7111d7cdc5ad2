from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscussionsConfig(AppConfig):
    name = "discussions"
    verbose_name = _("Discussions")

    def ready(self):
        from discussions import moderation
        from discussions.models import Category, ModerationAction, Post, PostRevision, Suspension, Thread
        from discussions.offers.models import Offer
        from core import pagecache

        # The offers board adds itself the same way: moderation.register(Offer).
        moderation.register(Post)

        # Cached public pages (core/pagecache.py): any write to the forum or the board renders them afresh.
        pagecache.watch("discussions", Category, Thread, Post, PostRevision, Suspension)
        pagecache.watch("offers", Offer)
        # Every moderation decision is logged, also those written in bulk without signals (a spammer's posts
        # and offers hidden in one UPDATE): the log row invalidates both.
        pagecache.watch(("discussions", "offers"), ModerationAction)
