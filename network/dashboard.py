"""The network's part of the coordinators' dashboard (portal/dashboard.py gathers it; contract in
core/dashboard.py): overdue corrective actions of audits in the coordinator's kraje (1 query), and a link to the
network's coordination page (gaps, services standing out, overdue actions on one page)."""

from django.utils.translation import gettext_lazy as _

from core.dashboard import Item, Panel, admin_list
from network.models import CorrectiveAction

SECTION = _("Network and quality")
ORDER = 40


def attention_items(user, kraje: list) -> list[Item]:
    overdue = CorrectiveAction.objects.overdue().in_kraje(kraje).count()
    return [Item("overdue-actions", SECTION, _("Corrective actions after their deadline"), overdue,
                 admin_list("network_correctiveaction", overdue="yes"), ORDER)]


def panels(user, kraje: list) -> list[Panel]:
    return [Panel(SECTION, "network/dashboard/panel.html")]
