from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import render

from services.cache import cache_public_page
from services.filters import ServiceFilter
from services.models import Facility, Service

PAGE_SIZE = 20


@cache_public_page
def service_list(request):
    """Search the registry: facets with counts, results as a list or a map; the whole state is in the URL."""
    filterset = ServiceFilter(request.GET, queryset=Service.objects.for_listing())
    facets = filterset.facets()
    results = filterset.qs.defer("description", "how_to_get", "search_text", "target_groups_note",
                                 "age_groups_note").prefetch_related(
        "forms", Prefetch("facilities", queryset=Facility.objects.select_related("obec")))
    paginator = Paginator(results, PAGE_SIZE)
    paginator.count = facets.total  # counted with the facets already: saves a COUNT query
    page = paginator.get_page(request.GET.get("page"))
    services = list(page)

    # Links keep every parameter of the settled query but the page (and, for the list/map switch, the view).
    query = filterset.form.data.copy()
    query.pop("page", None)
    view = "map" if query.pop("view", None) == ["map"] else "list"
    list_query = query.urlencode()
    query["view"] = "map"
    map_query = query.urlencode()
    return render(request, "services/service_list.html", {
        "form": filterset.form,
        "facets": facets,
        "sort": filterset.sort_in_effect,
        "sort_options": filterset.sort_options(),
        "page": page,
        "services": services,
        "page_range": paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1),
        "view": view,
        "list_query": list_query,
        "map_query": map_query,
        "page_query": map_query if view == "map" else list_query,
        "facilities": [(service, facility) for service in services for facility in service.facilities.all()],
        "unlocated_services": [service for service in services
                               if not any(facility.has_location for facility in service.facilities.all())],
        "map_tiles_url": settings.MAP_TILES_URL,
        "map_attribution": settings.MAP_ATTRIBUTION,
    })
