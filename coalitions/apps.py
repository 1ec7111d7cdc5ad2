from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from core import pagecache


class CoalitionsConfig(AppConfig):
    name = "coalitions"
    verbose_name = _("Coalitions and events")
    # Cached public pages (core/pagecache.py): any write to coalition data renders them afresh. "Upcoming"
    # and "past" meetings and events swap when one starts or ends, not when the data change.
    page_cache = (
        pagecache.watch("coalitions", "Coalition", "Membership", "Meeting", "AgendaItem", "Registration",
                        "Minutes", "Task", "Document", "Photo", "Event", "EventRegistration"),
        pagecache.clock("calendar", "Meeting", "starts_at", "ends_at"),
        pagecache.clock("calendar", "Event", "starts_at", "ends_at"),
    )
