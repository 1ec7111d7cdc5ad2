from django.contrib.sitemaps import Sitemap

from territory.models import Kraj, Orp


class OrpSitemap(Sitemap):
    i18n = True
    alternates = True
    changefreq = "yearly"

    def items(self):
        return [*Kraj.objects.order_by("code"), *Orp.objects.order_by("code")]
