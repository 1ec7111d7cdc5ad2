from django.urls import reverse

from core.sitemaps import I18nSitemap
from guide.models import Situation


class GuideIndexSitemap(I18nSitemap):
    changefreq = "monthly"

    def items(self):
        return ["guide:index"]

    def location(self, item):
        return reverse(item)


class SituationSitemap(I18nSitemap):
    """Every published situation's page (the results pages depend on answers, so they are not listed)."""

    changefreq = "monthly"

    def items(self):
        return Situation.objects.published().only("pk", "slug", "updated_at").order_by("pk")

    def lastmod(self, situation):
        return situation.updated_at
