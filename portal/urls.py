from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import pgettext_lazy

from coalitions.sitemaps import CoalitionSitemap, EventSitemap, MeetingSitemap
from discussions.offers.sitemaps import OfferSitemap
from discussions.sitemaps import ThreadSitemap
from education.sitemaps import EducationSitemap
from families.sitemaps import FamiliesSitemap
from guide.sitemaps import GuideIndexSitemap, SituationSitemap
from network.sitemaps import NetworkSitemap
from planning.sitemaps import PlanSitemap
from portal import dashboard, views
from portal.sitemaps import StaticPagesSitemap
from services.sitemaps import ProviderSitemap, ServiceSitemap
from territory.sitemaps import OrpSitemap

sitemaps = {"pages": StaticPagesSitemap, "orp": OrpSitemap, "services": ServiceSitemap, "providers": ProviderSitemap,
            "coalitions": CoalitionSitemap, "meetings": MeetingSitemap, "events": EventSitemap,
            "threads": ThreadSitemap, "offers": OfferSitemap, "plans": PlanSitemap,
            "guide": GuideIndexSitemap, "situations": SituationSitemap, "network": NetworkSitemap,
            "education": EducationSitemap, "families": FamiliesSitemap}

site_patterns = (
    [
        path("", views.home, name="home"),
        path(pgettext_lazy("URL", "about/"), views.about, name="about"),
        path(pgettext_lazy("URL", "accessibility-statement/"), views.accessibility, name="accessibility"),
        path(pgettext_lazy("URL", "privacy/"), views.privacy, name="privacy"),
        path(pgettext_lazy("URL", "contact/"), views.contact, name="contact"),
        path(pgettext_lazy("URL", "coordination/"), dashboard.dashboard, name="dashboard"),
    ],
    "portal",
)

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="django.contrib.sitemaps.views.sitemap"),
    # Open Referral HSDS 3.1 read API of the registry: data, not pages, so no language prefix.
    path("api/hsds/", include("services.api.urls")),
]

urlpatterns += i18n_patterns(
    path("", include(site_patterns)),
    path("", include("services.urls")),
    path("", include("coalitions.urls")),
    path("", include("discussions.urls")),
    path("", include("discussions.offers.urls")),
    path("", include("guide.urls")),
    path("", include("planning.urls")),
    path("", include("network.urls")),
    path("", include("families.urls")),
    path("", include("education.urls")),
    path(pgettext_lazy("URL", "territory/"), include("territory.urls")),
    path(pgettext_lazy("URL", "account/profile/"), include("accounts.urls")),
    path(pgettext_lazy("URL", "account/"), include("allauth.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

handler400 = "portal.views.bad_request"
handler403 = "portal.views.forbidden"
handler404 = "portal.views.not_found"
handler500 = "portal.views.server_error"
# Uploaded files are never served from MEDIA_URL: documents and photos go through permission-checked
# views (coalitions:document, coalitions:photo), because some are for coalition members only.
