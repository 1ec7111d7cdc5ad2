from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscussionsConfig(AppConfig):
    name = "discussions"
    verbose_name = _("Discussions")

    def ready(self):
        from discussions import moderation
        from discussions.models import Post

        # The offers board adds itself the same way: moderation.register(Offer).
        moderation.register(Post)
