from django.urls import path
from django.utils.translation import pgettext_lazy

from accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.profile, name="profile"),
    path(pgettext_lazy("URL", "my-data/"), views.my_data, name="my-data"),
    path(pgettext_lazy("URL", "my-data/download/"), views.my_data_download, name="my-data-download"),
    path(pgettext_lazy("URL", "delete-account/"), views.delete_account, name="delete"),
]
