from django.urls import path

from coalitions import views

app_name = "coalitions"
urlpatterns = [
    path("koalice/", views.index, name="index"),
    path("akce/", views.events, name="events"),
]
