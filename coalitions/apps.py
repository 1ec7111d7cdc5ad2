from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoalitionsConfig(AppConfig):
    name = "coalitions"
    verbose_name = _("Coalitions and events")

    def ready(self):
        # Cached public pages (core/pagecache.py): any write to coalition data renders them afresh.
        from coalitions import models
        from core import pagecache

        pagecache.watch("coalitions", models.Coalition, models.Membership, models.Meeting, models.AgendaItem,
                        models.Registration, models.Minutes, models.Task, models.Document, models.Photo,
                        models.Event, models.EventRegistration)
        # "Upcoming" and "past" meetings and events swap when one starts or ends, not when the data change.
        pagecache.add_clock("calendar", models.Meeting, "starts_at", "ends_at")
        pagecache.add_clock("calendar", models.Event, "starts_at", "ends_at")
