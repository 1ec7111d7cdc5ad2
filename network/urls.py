from django.urls import path

from network.views import coordination, figures, public

app_name = "network"
urlpatterns = [
    path("sit/", public.index, name="index"),
    path("sit/mezery/", public.gap_table, name="gaps"),
    path("sit/mezery/orp/<int:code>/", public.orp_gaps, name="orp-gaps"),
    path("sit/koordinace/", coordination.overview, name="overview"),
    path("sit/efektivita/<int:pk>/", coordination.service_efficiency, name="service-efficiency"),
    path("sit/vykazy/", figures.my_figures, name="my-figures"),
    path("sit/vykazy/<int:pk>/<int:year>/", figures.edit_figures, name="figures-edit"),
]
