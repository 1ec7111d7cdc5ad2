from django.urls import path
from django.utils.translation import pgettext_lazy

from families.views import casework, public

app_name = "families"
urlpatterns = [
    path(pgettext_lazy("URL", "families/"), public.index, name="index"),
    path(pgettext_lazy("URL", "families/statistics/"), public.statistics_page, name="statistics"),
    path(pgettext_lazy("URL", "families/statistics/export.<str:file_format>"), public.statistics_export,
         name="statistics-export"),
    path(pgettext_lazy("URL", "families/minimal-network/"), public.minimal_network_page, name="minimal-network"),
    path(pgettext_lazy("URL", "families/typology/"), public.typology_page, name="typology"),
    # Casework: signed in, never cached, never in a sitemap.
    path(pgettext_lazy("URL", "families/requests/"), casework.request_list, name="requests"),
    path(pgettext_lazy("URL", "families/requests/export.<str:file_format>"), casework.request_export,
         name="requests-export"),
    path(pgettext_lazy("URL", "families/requests/new/"), casework.request_create, name="request-create"),
    path(pgettext_lazy("URL", "families/requests/<int:pk>/"), casework.request_detail, name="request"),
    path(pgettext_lazy("URL", "families/requests/<int:pk>/select/"), casework.request_select,
         name="request-select"),
    path(pgettext_lazy("URL", "families/requests/<int:pk>/cancel/"), casework.request_cancel,
         name="request-cancel"),
    path(pgettext_lazy("URL", "families/requests/<int:pk>/offer/"), casework.offer_create, name="offer-create"),
    path(pgettext_lazy("URL", "families/open-requests/"), casework.open_requests, name="open-requests"),
    path(pgettext_lazy("URL", "families/my-offers/"), casework.my_offers, name="my-offers"),
    path(pgettext_lazy("URL", "families/offers/<int:pk>/withdraw/"), casework.offer_withdraw,
         name="offer-withdraw"),
    path(pgettext_lazy("URL", "families/contracts/<int:pk>/delivery/"), casework.delivery_report,
         name="delivery-report"),
    path(pgettext_lazy("URL", "families/contracts/<int:pk>/closure/"), casework.closure_report,
         name="closure-report"),
    path(pgettext_lazy("URL", "families/contracts/<int:pk>/confirm/"), casework.closure_confirm,
         name="closure-confirm"),
    path(pgettext_lazy("URL", "families/deliveries/<int:pk>/confirm/"), casework.delivery_confirm,
         name="delivery-confirm"),
]
