from django.urls import path

from services import views

app_name = "services"
urlpatterns = [
    path("sluzby/", views.index, name="index"),
    path("kapacity/", views.capacity, name="capacity"),
]
