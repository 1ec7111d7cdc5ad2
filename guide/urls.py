from django.urls import path
from django.utils.translation import pgettext_lazy

from guide import views

app_name = "guide"
urlpatterns = [
    path(pgettext_lazy("URL", "life-situations/"), views.index, name="index"),
    path(pgettext_lazy("URL", "life-situations/<slug:slug>/"), views.situation_detail, name="situation"),
    path(pgettext_lazy("URL", "life-situations/<slug:slug>/help-nearby/"), views.results, name="results"),
]
