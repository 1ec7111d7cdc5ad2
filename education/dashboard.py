"""Education's part of the coordinators' dashboard (portal/dashboard.py gathers it; contract in core/dashboard.py):
a panel with the kraj's figures (hours, supervision coverage, the quality picture) and the supervisors waiting for
approval in the admin. No query: the dashboard's query count is pinned (tests/portal/test_dashboard.py), and a
count of waiting supervisors would add one."""

from django.utils.translation import gettext_lazy as _

from core.dashboard import Panel, admin_list
from education.models import Supervisor

SECTION = _("Education and quality")


def attention_items(user, kraje: list) -> list:
    return []


def panels(user, kraje: list) -> list[Panel]:
    return [Panel(SECTION, "education/dashboard/panel.html",
                  {"waiting_url": admin_list("education_supervisor", status__exact=Supervisor.Status.PENDING)})]
