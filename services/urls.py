from django.urls import path

from services.feeds import ChangedServicesFeed
from services.views import alerts, capacity, detail, export, my_services, search

app_name = "services"
urlpatterns = [
    # Search and listing (services/views/search.py)
    path("sluzby/", search.service_list, name="index"),
    path("sluzby/export.csv", export.service_list_csv, name="export-csv"),
    # One service, its provider and corrections (services/views/detail.py, shown by services/presenters.py)
    path("sluzby/<int:pk>-<slug:slug>/", detail.service_detail, name="detail"),
    path("sluzby/<int:pk>/", detail.service_detail, name="detail-short"),
    path("sluzby/<int:pk>/oprava/", detail.correction, name="correction"),
    path("poskytovatele/<int:pk>-<slug:slug>/", detail.provider_detail, name="provider"),
    path("poskytovatele/<int:pk>/", detail.provider_detail, name="provider-short"),
    # The Atom feed of recently changed services (services/feeds.py)
    path("sluzby/zmeny/", ChangedServicesFeed(), name="feed"),
    # Regional capacity analysis (services/views/capacity.py)
    path("kapacity/", capacity.overview, name="capacity"),
    path("kapacity/export.<str:fmt>", capacity.overview_export, name="capacity-export"),
    path("kapacity/orp/<int:code>-<slug:slug>/", capacity.orp_profile, name="orp-profile"),
    path("kapacity/orp/<int:code>/", capacity.orp_profile, name="orp-profile-short"),
    # Provider staff report free places (services/views/my_services.py)
    path("moje-sluzby/", my_services.my_services, name="my-services"),
    path("moje-sluzby/<int:pk>/volna-mista/", my_services.report_capacity, name="report-capacity"),
    # Saved searches and free-place alerts (services/views/alerts.py)
    path("ulozena-hledani/", alerts.saved_searches, name="saved-searches"),
    path("ulozena-hledani/<int:pk>/upozorneni/", alerts.saved_search_alerts, name="saved-search-alerts"),
    path("ulozena-hledani/<int:pk>/smazat/", alerts.delete_saved_search, name="saved-search-delete"),
    path("ulozena-hledani/odhlasit/<str:token>/", alerts.unsubscribe, name="alerts-unsubscribe"),
]
