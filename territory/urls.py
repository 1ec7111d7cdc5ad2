from django.urls import path
from django.utils.translation import pgettext_lazy

from territory import views

app_name = "territory"
urlpatterns = [
    path("", views.index, name="index"),
    path(pgettext_lazy("URL", "region/<int:code>-<slug:slug>/"), views.kraj_detail, name="kraj"),
    path(pgettext_lazy("URL", "region/<int:code>/"), views.kraj_detail, name="kraj-short"),
    path("orp/<int:code>-<slug:slug>/", views.orp_detail, name="orp"),
    path("orp/<int:code>/", views.orp_detail, name="orp-short"),
]
