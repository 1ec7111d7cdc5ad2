from django.urls import path

from guide import views

app_name = "guide"
urlpatterns = [
    path("zivotni-situace/", views.index, name="index"),
    path("zivotni-situace/<slug:slug>/", views.situation_detail, name="situation"),
    path("zivotni-situace/<slug:slug>/pomoc-v-okoli/", views.results, name="results"),
]
