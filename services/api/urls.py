"""/api/hsds/…: paths as in the HSDS 3.1 OpenAPI description (no trailing slash), outside the language prefixes."""

from django.urls import path

from services.api import views

app_name = "hsds"
urlpatterns = [
    path("", views.index, name="index"),
    path("openapi.json", views.openapi, name="openapi"),
    path("organizations", views.organizations, name="organizations"),
    path("organizations/<str:id>", views.organization, name="organization"),
    path("services", views.services, name="services"),
    path("services/<str:id>", views.service, name="service"),
    path("locations", views.locations, name="locations"),
    path("locations/<str:id>", views.location, name="location"),
    path("service_at_locations", views.service_at_locations, name="service-at-locations"),
    path("service_at_locations/<str:id>", views.service_at_location, name="service-at-location"),
    path("service_capacities", views.service_capacities, name="service-capacities"),
    path("service_capacities/<str:id>", views.service_capacity, name="service-capacity"),
]
