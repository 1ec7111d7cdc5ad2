from django.urls import path
from django.utils.translation import pgettext_lazy

from network.views import coordination, figures, public

app_name = "network"
urlpatterns = [
    path(pgettext_lazy("URL", "network/"), public.index, name="index"),
    path(pgettext_lazy("URL", "network/gaps/"), public.gap_table, name="gaps"),
    path(pgettext_lazy("URL", "network/gaps/orp/<int:code>/"), public.orp_gaps, name="orp-gaps"),
    path(pgettext_lazy("URL", "network/coordination/"), coordination.overview, name="overview"),
    path(pgettext_lazy("URL", "network/efficiency/<int:pk>/"), coordination.service_efficiency, name="service-efficiency"),
    path(pgettext_lazy("URL", "network/figures/"), figures.my_figures, name="my-figures"),
    path(pgettext_lazy("URL", "network/figures/<int:pk>/<int:year>/"), figures.edit_figures, name="figures-edit"),
]
