"""Public pages: the kraj's network of services for a year, the gap table and map, one ORP's gaps."""

from urllib.parse import urlencode

from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.pagecache import cache_public_page
from core.pagination import paginate
from network import gaps, maps
from network.filters import NetworkFilter
from network.forms import GapFilterForm, NetworkFilterForm
from network.models import FinancingCategory, NetworkMembership, ServiceTypeGroup
from services.models import CapacityUnit
from territory.models import Orp


@cache_public_page("network", "registry", "codelists")
def index(request):
    """The services in a kraj's network in a year, with the capacity included and the entrustment."""
    filterset = NetworkFilter(request.GET, queryset=NetworkMembership.objects.all())  # bound: defaults apply
    kraj, year = filterset.chosen()
    _page, page_context = paginate(request, filterset.qs, per_page=50)
    return render(request, "network/index.html", {
        "form": filterset.form, "filterset": filterset, "kraj": kraj, "year": year, **page_context,
        "financing": dict(FinancingCategory.choices),
    })


def _gap_context(request):
    form = GapFilterForm(request.GET or None)
    chosen = form.chosen_gaps()
    rows = gaps.sort_rows(gaps.gap_rows(year=chosen["year"], kraj=chosen["kraj"],
                                        service_type=chosen["service_type"]), chosen["sort"])
    return form, chosen, rows


@cache_public_page("network", "registry", "codelists")
def gap_table(request):
    """Required vs network vs registered capacity per ORP and type; the tile map when one type is chosen."""
    form, chosen, rows = _gap_context(request)
    service_type = chosen["service_type"]
    blocks = []
    if service_type is not None:
        orps = Orp.objects.select_related("kraj")
        if chosen["kraj"] is not None:
            orps = orps.filter(kraj=chosen["kraj"])
        blocks = maps.tile_blocks(rows, list(orps), subject=f"type:{service_type.pk}", year=chosen["year"])
    # "Where is it most missing?" in one click: the kraj's rule subjects, each a link sorted by the gap.
    quick = {}
    for row in rows:
        if row.subject.startswith("type:") and row.subject not in quick:
            quick[row.subject] = (int(row.subject[5:]), row.label)
    _page, page_context = paginate(request, rows, per_page=100)
    return render(request, "network/gap_table.html", {
        "form": form, **chosen, **page_context, "total_rows": len(rows), "blocks": blocks,
        "quick_types": sorted(quick.values(), key=lambda item: item[1]), "unit_labels": dict(CapacityUnit.choices),
        "groups": ServiceTypeGroup.objects.prefetch_related("service_types"),
        "query": request.GET.urlencode(),
    })


@cache_public_page("network", "registry", "codelists")
def orp_gaps(request, code):
    """One ORP: every requirement of the minimal network with the network and registered capacity, and the
    services of the ORP in the year's network."""
    orp = get_object_or_404(Orp.objects.select_related("kraj"), pk=code)
    form = NetworkFilterForm(request.GET or None)
    _kraj, year = form.chosen(orp.kraj)
    rows = gaps.gap_rows(year=year, kraj=orp.kraj, orp=orp)
    lines = list(NetworkMembership.objects.of_year(year).filter(kraj=orp.kraj, service__orp=orp)
                 .select_related("service", "service__service_type", "service__provider")
                 .order_by("service__service_type__number", "service__name", "pk"))
    return render(request, "network/orp_gaps.html", {
        "orp": orp, "year": year, "rows": rows, "lines": lines, "unit_labels": dict(CapacityUnit.choices),
        "planning_url": _planning_measure_url(orp, rows),
        "title": _("Minimal network in %(orp)s") % {"orp": orp.name},
    })


def _planning_measure_url(orp, rows):
    """The planning admin's add form of a measure, prefilled (GET parameters, as the admin takes them) from the
    ORP's largest gap; None without a gap or when the planning admin is not installed. The network app does not
    import planning: it only names the admin's URL."""
    gap = next((row for row in rows if row.gap), None)
    if gap is None:
        return None
    try:
        url = reverse("admin:planning_measure_add")
    except NoReverseMatch:
        return None
    params = {
        "title": _("Capacity of %(subject)s in %(orp)s") % {"subject": gap.label, "orp": orp.name},
        "description": _("The minimal network requires %(required)s, the network holds %(network)s: %(gap)s "
                         "missing (the network's gap table, %(orp)s).") % {
            "required": number_format(gap.required, decimal_pos=0), "network": gap.network,
            "gap": number_format(gap.gap, decimal_pos=0), "orp": orp.name},
        "orps": str(orp.pk),
        "service_types": ",".join(str(pk) for pk in sorted(gap.types)),
    }
    return f"{url}?{urlencode(params)}"
