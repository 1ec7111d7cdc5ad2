from django.urls import path
from django.utils.translation import pgettext_lazy

from discussions.offers import views

app_name = "offers"
urlpatterns = [
    path(pgettext_lazy("URL", "forum/offers/"), views.offer_list, name="index"),
    path(pgettext_lazy("URL", "forum/offers/mine/"), views.my_offers, name="mine"),
    path(pgettext_lazy("URL", "forum/offers/new/"), views.offer_create, name="create"),
    path(pgettext_lazy("URL", "forum/offers/<int:pk>-<slug:slug>/"), views.offer_detail, name="detail"),
    path(pgettext_lazy("URL", "forum/offers/<int:pk>/"), views.offer_detail, name="detail-short"),
    path(pgettext_lazy("URL", "forum/offers/<int:pk>/edit/"), views.offer_edit, name="edit"),
    path(pgettext_lazy("URL", "forum/offers/<int:pk>/contact-author/"), views.offer_contact, name="contact"),
    path(pgettext_lazy("URL", "forum/offers/<int:pk>/resolved/"), views.offer_resolve, name="resolve"),
    path(pgettext_lazy("URL", "forum/offers/<int:pk>/moderate/"), views.offer_moderate, name="moderate"),
]
