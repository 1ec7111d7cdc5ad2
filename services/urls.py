from django.urls import path

from services.views import capacity, detail, search

app_name = "services"
urlpatterns = [
    # Search and listing (services/views/search.py)
    path("sluzby/", search.service_list, name="index"),
    # One service, its provider, corrections and the feed of changes (services/views/detail.py)
    path("sluzby/<int:pk>-<slug:slug>/", detail.service_detail, name="detail"),
    path("sluzby/<int:pk>/", detail.service_detail, name="detail-short"),
    path("sluzby/<int:pk>/oprava/", detail.correction, name="correction"),
    path("sluzby/zmeny/", detail.ChangedServicesFeed(), name="feed"),
    path("poskytovatele/<int:pk>-<slug:slug>/", detail.provider_detail, name="provider"),
    path("poskytovatele/<int:pk>/", detail.provider_detail, name="provider-short"),
    # Regional capacity analysis (services/views/capacity.py)
    path("kapacity/", capacity.overview, name="capacity"),
    path("kapacity/export.<str:fmt>", capacity.overview_export, name="capacity-export"),
    path("kapacity/orp/<int:code>-<slug:slug>/", capacity.orp_profile, name="orp-profile"),
    path("kapacity/orp/<int:code>/", capacity.orp_profile, name="orp-profile-short"),
]
