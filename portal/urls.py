from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from coalitions.sitemaps import CoalitionSitemap, EventSitemap, MeetingSitemap
from discussions.offers.sitemaps import OfferSitemap
from discussions.sitemaps import ThreadSitemap
from guide.sitemaps import GuideIndexSitemap, SituationSitemap
from portal import dashboard, views
from network.sitemaps import NetworkSitemap
from portal.sitemaps import StaticPagesSitemap
from planning.sitemaps import PlanSitemap
from services.sitemaps import ProviderSitemap, ServiceSitemap
from territory.sitemaps import OrpSitemap

sitemaps = {"pages": StaticPagesSitemap, "orp": OrpSitemap, "services": ServiceSitemap, "providers": ProviderSitemap,
            "coalitions": CoalitionSitemap, "meetings": MeetingSitemap, "events": EventSitemap,
            "threads": ThreadSitemap, "offers": OfferSitemap, "plans": PlanSitemap,
            "guide": GuideIndexSitemap, "situations": SituationSitemap, "network": NetworkSitemap}

site_patterns = (
    [
        path("", views.home, name="home"),
        path("o-portalu/", views.about, name="about"),
        path("prohlaseni-o-pristupnosti/", views.accessibility, name="accessibility"),
        path("osobni-udaje/", views.privacy, name="privacy"),
        path("kontakt/", views.contact, name="contact"),
        path("koordinace/", dashboard.dashboard, name="dashboard"),
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
    path("uzemi/", include("territory.urls")),
    path("ucet/profil/", include("accounts.urls")),
    path("ucet/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    prefix_default_language=True,
)

handler400 = "portal.views.bad_request"
handler403 = "portal.views.forbidden"
handler404 = "portal.views.not_found"
handler500 = "portal.views.server_error"
# Uploaded files are never served from MEDIA_URL: documents and photos go through permission-checked
# views (coalitions:document, coalitions:photo), because some are for coalition members only.
