from coalitions.models import Coalition, Event, Meeting
from core.sitemaps import I18nSitemap


class CoalitionSitemap(I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return Coalition.objects.order_by("pk")


class MeetingSitemap(I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return Meeting.objects.published().select_related("coalition").order_by("pk")


class EventSitemap(I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return Event.objects.published().order_by("pk")
