from django.urls import path
from django.utils.translation import pgettext_lazy

from services.feeds import ChangedServicesFeed
from services.views import alerts, capacity, detail, export, my_services, search

app_name = "services"
urlpatterns = [
    # Search and listing (services/views/search.py)
    path(pgettext_lazy("URL", "services/"), search.service_list, name="index"),
    path(pgettext_lazy("URL", "services/export.csv"), export.service_list_csv, name="export-csv"),
    # One service, its provider and corrections (services/views/detail.py, shown by services/presenters.py)
    path(pgettext_lazy("URL", "services/<int:pk>-<slug:slug>/"), detail.service_detail, name="detail"),
    path(pgettext_lazy("URL", "services/<int:pk>/"), detail.service_detail, name="detail-short"),
    path(pgettext_lazy("URL", "services/<int:pk>/correction/"), detail.correction, name="correction"),
    path(pgettext_lazy("URL", "providers/<int:pk>-<slug:slug>/"), detail.provider_detail, name="provider"),
    path(pgettext_lazy("URL", "providers/<int:pk>/"), detail.provider_detail, name="provider-short"),
    # The Atom feed of recently changed services (services/feeds.py)
    path(pgettext_lazy("URL", "services/changes/"), ChangedServicesFeed(), name="feed"),
    # Regional capacity analysis (services/views/capacity.py)
    path(pgettext_lazy("URL", "capacities/"), capacity.overview, name="capacity"),
    path(pgettext_lazy("URL", "capacities/export.<str:fmt>"), capacity.overview_export, name="capacity-export"),
    path(pgettext_lazy("URL", "capacities/orp/<int:code>-<slug:slug>/"), capacity.orp_profile, name="orp-profile"),
    path(pgettext_lazy("URL", "capacities/orp/<int:code>/"), capacity.orp_profile, name="orp-profile-short"),
    # Provider staff report free places (services/views/my_services.py)
    path(pgettext_lazy("URL", "my-services/"), my_services.my_services, name="my-services"),
    path(pgettext_lazy("URL", "my-services/<int:pk>/free-places/"), my_services.report_capacity, name="report-capacity"),
    # Saved searches and free-place alerts (services/views/alerts.py)
    path(pgettext_lazy("URL", "saved-searches/"), alerts.saved_searches, name="saved-searches"),
    path(pgettext_lazy("URL", "saved-searches/<int:pk>/notifications/"), alerts.saved_search_alerts, name="saved-search-alerts"),
    path(pgettext_lazy("URL", "saved-searches/<int:pk>/delete/"), alerts.delete_saved_search, name="saved-search-delete"),
    path(pgettext_lazy("URL", "saved-searches/unsubscribe/<str:token>/"), alerts.unsubscribe, name="alerts-unsubscribe"),
]
