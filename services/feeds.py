"""The Atom feed of recently changed services, for people following the registry (optionally one kraj's)."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.pagecache import cache_public_page
from services import charts, search
from services.models import Service
from territory.models import Kraj

FEED_SIZE = 50


@method_decorator(cache_public_page("registry", "codelists"), name="__call__")
class ChangedServicesFeed(Feed):
    """The FEED_SIZE services whose record changed most recently (Atom), for people following the registry."""

    feed_type = Atom1Feed
    title = gettext_lazy("Recently changed social services")
    subtitle = description = gettext_lazy("Social services of the regional registry whose record changed most "
                                          "recently, newest first.")

    def get_object(self, request, *args, **kwargs):
        """`?kraj=3026` (the ČSÚ code, as in the search) follows one kraj's services; an unknown one is a 404."""
        code = request.GET.get("kraj")
        if not code:
            return None
        if not code.isdigit():
            raise Http404
        return get_object_or_404(Kraj, pk=int(code))

    def link(self, kraj=None):
        url = reverse("services:index")
        return f"{url}?kraj={kraj.pk}" if kraj else url

    def items(self, kraj=None):
        services = Service.objects.select_related("provider", "service_type")
        if kraj is not None:
            services = services.filter(search.area_condition("kraj", kraj.pk))
        return services.order_by("-updated_at", "-pk")[:FEED_SIZE]

    def item_title(self, service):
        return service.name

    def item_description(self, service):
        parts = [service.service_type.label, service.provider.name]
        if service.is_ended:
            parts.append(_("ended on %(date)s") % {"date": charts.format_day(service.valid_to)})
        return " · ".join(parts)

    def item_updateddate(self, service):
        return service.updated_at

    def item_author_name(self, service):
        return service.provider.name

    def item_categories(self, service):
        return [service.service_type.name]
