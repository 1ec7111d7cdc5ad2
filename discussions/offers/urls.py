from django.urls import path

from discussions.offers import views

app_name = "offers"
urlpatterns = [
    path("diskuse/nabidky/", views.offer_list, name="index"),
    path("diskuse/nabidky/moje/", views.my_offers, name="mine"),
    path("diskuse/nabidky/nova/", views.offer_create, name="create"),
    path("diskuse/nabidky/<int:pk>-<slug:slug>/", views.offer_detail, name="detail"),
    path("diskuse/nabidky/<int:pk>/", views.offer_detail, name="detail-short"),
    path("diskuse/nabidky/<int:pk>/upravit/", views.offer_edit, name="edit"),
    path("diskuse/nabidky/<int:pk>/napsat-autorovi/", views.offer_contact, name="contact"),
    path("diskuse/nabidky/<int:pk>/vyreseno/", views.offer_resolve, name="resolve"),
    path("diskuse/nabidky/<int:pk>/moderovat/", views.offer_moderate, name="moderate"),
]
