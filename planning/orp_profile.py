"""Planning's part of an ORP's profile page (services.views.capacity.orp_profile gathers it through
core.contributions, so the registry does not import planning): the community plan of the ORP's locality and the
kraj's mid-term plan, with their measures' progress (a fixed number of queries)."""

from planning import indicators
from planning.models import Measure, Plan


def orp_profile_sections(orp) -> list[dict]:
    plans = list(Plan.objects.public().filter(locality__orps=orp).exclude(state=Plan.State.ARCHIVED)
                 .select_related("locality").order_by("-period_start")[:1])
    kraj_plan = (Plan.objects.public().filter(kraj=orp.kraj_id, locality__isnull=True)
                 .exclude(state=Plan.State.ARCHIVED).order_by("-period_start").first())
    measures = indicators.annotate_progress(
        Measure.objects.for_progress().filter(priority__plan__in=plans).order_by("priority__number", "number"))
    kraj_measures = []
    if kraj_plan:
        kraj_measures = indicators.annotate_progress(
            Measure.objects.for_progress().filter(priority__plan=kraj_plan, orps=orp)
            .order_by("priority__number", "number"))
    return [{"template": "planning/orp/section.html", "orp": orp, "plan": plans[0] if plans else None,
             "measures": measures, "counts": indicators.status_counts(measures), "kraj_plan": kraj_plan,
             "kraj_measures": kraj_measures}]
