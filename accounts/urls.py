from django.urls import path

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("moje-data/", views.my_data, name="my-data"),
    path("moje-data/stahnout/", views.my_data_download, name="my-data-download"),
    path("smazat-ucet/", views.delete_account, name="delete"),
]
