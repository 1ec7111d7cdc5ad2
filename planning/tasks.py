"""Background tasks of planning: the monthly snapshot of computed indicators (the history charts)."""

from django.tasks import task


def snapshot_plans(plans) -> int:
    """Keep today's registry value of every computed indicator of the plans (adopted or in force) as a point of
    its history. Returns how many values were written."""
    from planning import indicators
    from planning.models import Indicator

    computed = (Indicator.objects.filter(measure__priority__plan__in=plans, kind=Indicator.Kind.COMPUTED)
                .select_related("measure__priority__plan__kraj", "measure__priority__plan__locality")
                .prefetch_related("service_types", "orps", "measure__priority__plan__locality__orps"))
    return indicators.take_snapshots(list(computed))


@task()
def snapshot_indicators() -> int:
    """Monthly (cron: `manage.py snapshot_indicators`, or this task): snapshots of plans being carried out."""
    from planning.models import Plan

    return snapshot_plans(Plan.objects.filter(state__in=[Plan.State.ADOPTED, Plan.State.IN_FORCE]))
