"""The families' part of the coordinators' dashboard (portal/dashboard.py gathers it; contract in
core/dashboard.py): requests of the coordinator's kraje past their deadline with offers still waiting for the
office's choice, and with no offer at all (both 1 query), and framework agreements ending within 60 days (1 query).
Each number links to the administration's list of exactly those records."""

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.dashboard import Item, admin_list
from families.models import FrameworkAgreement, Offer, ServiceRequest

SECTION = _("Services for families")
ORDER = 45  # after the network (40), before planning (50)
ENDING_DAYS = 60


def attention_items(user, kraje: list) -> list[Item]:
    now, today = timezone.now(), timezone.localdate()
    has_offer = Exists(Offer.objects.valid().filter(request=OuterRef("pk")))
    late = ServiceRequest.objects.in_kraje(kraje).filter(state=ServiceRequest.State.OPEN, offers_due__lt=now)
    counts = late.aggregate(waiting=Count("pk", filter=Q(has_offer)), none=Count("pk", filter=~Q(has_offer)))
    ending = (FrameworkAgreement.objects.in_kraje(kraje).in_force(today)
              .filter(valid_to__lte=today + dt.timedelta(days=ENDING_DAYS)).count())
    return [
        Item("families-waiting", SECTION, _("Requests with offers waiting for the office's choice"),
             counts["waiting"], admin_list("families_servicerequest", attention="awaiting_choice"), ORDER),
        Item("families-no-offer", SECTION, _("Requests without any offer after the deadline"), counts["none"],
             admin_list("families_servicerequest", attention="without_offers"), ORDER),
        Item("families-agreements-ending", SECTION, _("Framework agreements ending within 60 days"), ending,
             admin_list("families_frameworkagreement", ending="soon"), ORDER),
    ]
