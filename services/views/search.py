from django.conf import settings
from django.shortcuts import render

from core import contributions
from core.pagecache import cache_public_page
from core.pagination import paginate
from services.filters import ServiceFilter
from services.models import Service


# "guide": the page shows the life situations its text matches (guide/search.py, through contributions).
@cache_public_page("registry", "codelists", "guide")
def service_list(request):
    """Search the registry: facets with counts, results as a list or a map; the whole state is in the URL."""
    filterset = ServiceFilter(request.GET, queryset=Service.objects.for_listing())
    facets = filterset.facets()
    results = filterset.qs.for_search_results()
    # Links keep every parameter of the settled query but the page (and, for the list/map switch, the view).
    query = filterset.form.data.copy()
    query.pop("page", None)
    view = "map" if query.pop("view", None) == ["map"] else "list"
    list_query = query.urlencode()
    query["view"] = "map"
    map_query = query.urlencode()
    # The total was counted with the facets already: passing it saves a COUNT query.
    page, pagination = paginate(request, results, count=facets.total,
                                query=map_query if view == "map" else list_query)
    services = list(page)
    # Other apps' hints for this search (the guide: "Did you mean the situation …?", help when nothing is found).
    hints = contributions.gather("search", "search_hints", text=filterset.form.cleaned_data.get("q") or "",
                                 result_count=facets.total, area=filterset.form.area.codes())
    return render(request, "services/service_list.html", {
        **pagination,
        "form": filterset.form,
        "facets": facets,
        "sort": filterset.sort_in_effect,
        "sort_options": filterset.sort_options(),
        "services": services,
        "view": view,
        "list_query": list_query,
        "map_query": map_query,
        "facilities": [(service, facility) for service in services for facility in service.facilities.all()],
        "unlocated_services": [service for service in services
                               if not any(facility.has_location for facility in service.facilities.all())],
        "map_tiles_url": settings.MAP_TILES_URL,
        "map_attribution": settings.MAP_ATTRIBUTION,
        "search_hints": hints,
        "active_filters": facets.active_filters(filterset.form),
    })
