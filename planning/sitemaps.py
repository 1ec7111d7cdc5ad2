from core.sitemaps import I18nSitemap
from planning.models import Measure, Plan


class PlanSitemap(I18nSitemap):
    """Published plans, their consultations and measures."""

    changefreq = "weekly"

    def items(self):
        plans = list(Plan.objects.public().order_by("pk"))
        measures = list(Measure.objects.filter(priority__plan__in=plans).select_related("priority__plan")
                        .order_by("pk"))
        return [*plans, *measures]
