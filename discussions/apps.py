from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import pagecache


class DiscussionsConfig(AppConfig):
    name = "discussions"
    verbose_name = _("Discussions")
    # Cached public pages (core/pagecache.py): any write to the forum or the board renders them afresh.
    # Every moderation decision is logged, also those written in bulk without signals (a spammer's posts
    # and offers hidden in one UPDATE): the log row invalidates both.
    page_cache = (
        pagecache.watch("discussions", "Category", "Thread", "Post", "PostRevision", "Suspension"),
        pagecache.watch("offers", "offers.Offer"),
        pagecache.watch(("discussions", "offers"), "ModerationAction"),
        # What the forum remembers about a person (discussions.permissions.PERSON_SECTIONS), shown on no page:
        # a confirmed e-mail address and the accepted rules.
        pagecache.watch("standing", "ForumProfile", "account.EmailAddress"),
    )

    def ready(self):
        from discussions import moderation
        from discussions.models import Post

        # The offers board adds itself the same way: moderation.register(Offer).
        moderation.register(Post)
