"""The coalitions' part of the coordinators' dashboard (portal/dashboard.py gathers it; contract in
core/dashboard.py): upcoming meetings without an agenda, held meetings without approved minutes, overdue
tasks, in the coalitions of the coordinator's kraje."""

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from coalitions.models import AgendaItem, Meeting, Minutes, Task
from core.dashboard import Item, admin_list

ORDER = 30


def attention_items(user, kraje: list) -> list[Item]:
    """Linked to the admin's own list filters of meetings and tasks (2 queries)."""
    now = timezone.now()
    has_agenda = Exists(AgendaItem.objects.filter(meeting=OuterRef("pk")))
    approved = Exists(Minutes.objects.filter(meeting=OuterRef("pk"), status=Minutes.Status.APPROVED))
    meetings = Meeting.objects.filter(coalition__kraj__in=kraje).annotate(
        has_agenda=has_agenda, has_approved_minutes=approved).aggregate(
        no_agenda=Count("pk", filter=Q(status=Meeting.Status.PLANNED, ends_at__gte=now, has_agenda=False)),
        no_minutes=Count("pk", filter=Q(status=Meeting.Status.HELD, has_approved_minutes=False)))
    overdue = Task.objects.filter(coalition__kraj__in=kraje, status=Task.Status.OPEN,
                                  deadline__lt=timezone.localdate()).count()
    section = _("Coalitions")
    return [
        Item("no_agenda", section, _("Upcoming meetings without an agenda"), meetings["no_agenda"],
             admin_list("coalitions_meeting", when="upcoming", status__exact=Meeting.Status.PLANNED,
                        agenda="none"), ORDER),
        Item("no_minutes", section, _("Held meetings without approved minutes"), meetings["no_minutes"],
             admin_list("coalitions_meeting", status__exact=Meeting.Status.HELD, minutes="unapproved"), ORDER),
        Item("overdue_tasks", section, _("Overdue tasks"), overdue,
             admin_list("coalitions_task", overdue="yes"), ORDER),
    ]
