from dataclasses import dataclass

from django.conf import settings
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language

from core import contributions
from core.pagecache import cache_public_page
from core.pagination import paginate
from services import facet_index
from services.filters import ServiceFilter
from services.models import Service


# "guide": the page shows the life situations its text matches (guide/search.py, through contributions);
# "network": the count of the contributed facet "in the kraj's network" (network/search_facets.py).
@cache_public_page("registry", "codelists", "guide", "network")
def service_list(request):
    """Search the registry: facets with counts, results as a list or a map; the whole state is in the URL.

    Counts and order come from the facet index in memory (services/facet_index.py). What depends only on the
    registry and the query (the search box, the filter column, the results) is rendered once per registry
    generation, language and query, and kept by the index for everyone, signed in or not; each request adds
    only what is its own: the guide's hints, the header, the form to save the search."""
    index = facet_index.index()
    key = (get_language(), tuple(sorted((name, tuple(values)) for name, values in request.GET.lists())))
    page = index.recall("page", [key]).get(key)
    if page is None:
        page = _search_page(request, index)
        if page.keep:
            index.remember("page", key, lambda: page)
    # Other apps' hints for this search (the guide: "Did you mean the situation …?", help when nothing is found).
    hints = contributions.gather("search", "search_hints", text=page.text, result_count=page.context["facets"].total,
                                 area=page.area)
    return render(request, "services/service_list.html", {**page.context, "search_hints": hints})


@dataclass
class SearchPage:
    """The parts of a search page that are the same for everyone (`context` holds the rendered fragments and,
    for readers of the response such as tests, what they were rendered from)."""

    context: dict
    text: str  # the search text as understood, for the guide's hints
    area: dict
    keep: bool  # False when the query had errors: those pages are rendered from the input every time


def _search_page(request, index) -> SearchPage:
    filterset = ServiceFilter(request.GET, queryset=Service.objects.for_listing())
    filterset.index = index
    facets, filters = _filter_column(filterset)
    form = filterset.form
    # Links keep every parameter of the settled query but the page (and, for the list/map switch, the view).
    query = form.data.copy()
    query.pop("page", None)
    view = "map" if query.pop("view", None) == ["map"] else "list"
    list_query = query.urlencode()
    query["view"] = "map"
    map_query = query.urlencode()
    # The total was counted with the facets already: passing it saves counting again.
    page, pagination = paginate(request, filterset.results(), count=facets.total,
                                query=map_query if view == "map" else list_query)
    pks = list(page)
    # The services of the page are read for the map; the list shows the remembered cards, and reads only the
    # services whose card is not rendered yet (or anything else asks for them: the `services` of the context).
    services = filterset.services(pks) if view == "map" else SimpleLazyObject(lambda: _services(pks))
    context = {
        **pagination,
        "form": form,
        "facets": facets,
        "filters": filters,
        "sort": filterset.sort_in_effect,
        "sort_options": filterset.sort_options(),
        "services": services,
        "cards": _cards(filterset, pks) if view == "list" else [],
        "view": view,
        "list_query": list_query,
        "map_query": map_query,
        "facilities": [(service, facility) for service in services for facility in service.facilities.all()]
        if view == "map" else [],
        "unlocated_services": [service for service in services
                               if not any(facility.has_location for facility in service.facilities.all())]
        if view == "map" else [],
        "map_tiles_url": settings.MAP_TILES_URL,
        "map_attribution": settings.MAP_ATTRIBUTION,
        "active_filters": facets.active_filters(form),
    }
    context["search_box"] = render_to_string("services/_search_box.html", context)
    context["search_layout"] = render_to_string("services/_search_layout.html", context)
    return SearchPage(context=context, text=form.cleaned_data.get("q") or "", area=form.area.codes(),
                      keep=not form.errors)


def _services(pks: list[int]) -> list:
    found = Service.objects.for_listing().for_search_results().in_bulk(pks)
    return [found[pk] for pk in pks if pk in found]


def _filter_column(filterset):
    """The facets and the rendered filter column. Both depend only on the settled query (not its page, sort
    or view), the language and the registry: the index keeps them for the next request with the same
    filters, by anyone. A query with a malformed value is rendered afresh (its errors come from the input)."""

    def compute():
        facets = filterset.facets()
        html = render_to_string("services/_search_filters.html", {"form": filterset.form, "facets": facets})
        return facets, html

    form = filterset.form
    if not form.is_valid():
        return compute()
    query = tuple(sorted((name, tuple(values)) for name, values in form.data.lists()
                         if name not in ("page", "sort", "view")))
    return filterset.index.remember("filters", (get_language(), query), compute)


def _cards(filterset, pks: list[int]) -> list[str]:
    """The rendered cards of the services of the page, in order: rendered once per registry generation and
    language (a card shows registry data and the day's badges, nothing about the visitor)."""
    language, index = get_language(), filterset.index
    cards = {pk: html for (pk, _language), html in index.recall("card", [(pk, language) for pk in pks]).items()}
    missing = [pk for pk in pks if pk not in cards]
    for service in filterset.services(missing) if missing else []:
        cards[service.pk] = index.remember("card", (service.pk, language), lambda service=service: render_to_string(
            "services/_service_card.html", {"service": service}))
    return [cards[pk] for pk in pks if pk in cards]
