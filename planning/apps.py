from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import pagecache


class PlanningConfig(AppConfig):
    name = "planning"
    verbose_name = _("Planning of social services")
    # Cached public pages (core/pagecache.py): any write to a plan, its structure, indicators or consultation
    # renders the planning pages afresh; they also show registry figures (the "registry" section) and people's
    # names (the "people" section), which their views name.
    page_cache = (
        pagecache.watch("planning", "PlanningLocality", "CoordinatorAssignment", "Plan", "PlanTransition",
                        "Priority", "Measure", "Funding", "Activity", "Indicator", "IndicatorValue", "Comment"),
        # A spammer silenced in bulk (discussions.moderation) hides comments without signals; the log row tells.
        pagecache.watch("planning", "discussions.ModerationAction"),
    )

    def ready(self):
        from discussions import moderation

        moderation.register(self.get_model("Comment"))  # flags, hiding and the forum's moderation queue
