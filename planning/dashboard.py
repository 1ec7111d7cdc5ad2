"""Planning's part of the coordinators' dashboard (portal/dashboard.py gathers it; contract in core/dashboard.py):
consultation comments waiting for settlement and measures past their end without being done, in the plans of the
coordinator's kraje (2 queries)."""

from django.utils.translation import gettext_lazy as _

from core.dashboard import Item, admin_list
from planning.models import Comment, Measure

ORDER = 50  # after the network (40); see core/dashboard.py


def attention_items(user, kraje: list) -> list[Item]:
    pending = Comment.objects.pending().filter(plan__kraj__in=kraje).count()
    late = Measure.objects.filter(priority__plan__kraj__in=kraje).past_end_unfinished().count()
    section = _("Planning")
    return [
        Item("comments_to_settle", section, _("Consultation comments waiting for settlement"), pending,
             admin_list("planning_comment", outcome__exact=Comment.Outcome.PENDING, is_hidden__exact=0), ORDER),
        Item("measures_late", section, _("Measures past their end with unfinished activities"), late,
             admin_list("planning_measure", late="yes"), ORDER),
    ]
