from django.contrib.sitemaps import Sitemap

from coalitions.models import Coalition, Event, Meeting


class _I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class CoalitionSitemap(_I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return Coalition.objects.order_by("pk")


class MeetingSitemap(_I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return Meeting.objects.published().select_related("coalition").order_by("pk")


class EventSitemap(_I18nSitemap):
    changefreq = "weekly"

    def items(self):
        return Event.objects.published().order_by("pk")
