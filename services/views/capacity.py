from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from core import contributions, pagecache
from core.pagecache import cache_public_page
from core.spreadsheets import csv_response, spreadsheet_export, xlsx_response
from services import analysis
from services.filters import CapacityFilter
from services.models import CapacityUnit
from territory.models import Orp, home_kraj

# The overview shows the registry, its codelists and (contributed) the kraj's network.
SECTIONS = ("registry", "codelists", "network")


def _tables(request):
    """The overview opens on the portal's own kraj (settings.PORTAL_REGION); `?kraj=` (empty) is the whole
    country, one click away on the page. The tables of a combination of filters are counted once per
    generation of the data and kept in memory (core.pagecache.remember), for signed-in people too."""
    data = request.GET.copy()
    if "kraj" not in data and (home := home_kraj()) is not None:
        data["kraj"] = str(home.pk)
    # The bound filter form and what it selects, kept per query too (building and validating it was most of a
    # signed-in request's own work). Shared by the requests: only read.
    form, filters = pagecache.remember(
        SECTIONS, ("capacity-filters", tuple(sorted((name, tuple(values)) for name, values in data.lists()))),
        lambda: _filters(data))
    key = ("capacity-tables", *(getattr(value, "pk", value) for value in (
        filters["kraj"], filters["okres"], filters["group"], filters["form"])),
        tuple(item.pk for item in filters["service_types"] or ()))

    def tables():
        return (analysis.territory_table(**filters, total_label=_("Total")),
                analysis.type_table(**filters, total_label=_("Total")),
                # What other apps add (the kraj's network beside the registered capacity:
                # network/capacity_overview.py).
                contributions.gather("capacity_overview", "capacity_overview_sections", filters))

    territory, by_type, contributed = pagecache.remember(SECTIONS, key, tables)
    return form, filters, territory, by_type, contributed


def _filters(data) -> tuple:
    filterset = CapacityFilter(data)
    return filterset.form, filterset.analysis_filters()


@cache_public_page(*SECTIONS)
def overview(request):
    """Capacity of the region's services by territory and by type; drill down from kraje to ORPs.

    The filter form and the tables are the same for everyone who asks the same query in the same language:
    rendered once per generation of the data and kept in this process's memory (core.pagecache.remember), so a
    signed-in coordinator, whose pages are never cached whole, gets them without rendering them again (the
    rendering of the tables took most of the page's time). A query with errors is rendered afresh."""
    form, filters, territory, by_type, contributed = _tables(request)
    query = request.GET.urlencode()
    context = {
        "form": form, "filters": filters, "territory": territory, "by_type": by_type,
        "unit_labels": dict(CapacityUnit.choices), "query": query,
        "whole_country_query": urlencode({"kraj": "", **{key: value for key, value in request.GET.items()
                                                         if key not in ("kraj", "okres")}}),
        "contributed_sections": contributed,
    }

    def body():
        return render_to_string("services/_capacity_overview_body.html", context)

    if form.errors:
        context["body"] = body()
    else:
        key = ("capacity-body", tuple(sorted((name, tuple(values)) for name, values in request.GET.lists())))
        context["body"] = pagecache.remember(SECTIONS, key, body)
    return render(request, "services/capacity_overview.html", context)


def _export_rows(filters, territory, by_type):
    """Header and rows shared by the CSV and XLSX downloads (territory table, then the by-type table)."""
    units = [u for u in CapacityUnit.values if u in set(territory.units) | set(by_type.units)]
    labels = dict(CapacityUnit.choices)
    header = [_("Table"), _("Name"), _("Population"), _("Services")]
    # Outside the f-string: makemessages cannot see a message inside one (the header was half English).
    columns = [pgettext("capacity", "registered"), _("free now"), _("per 1,000 inhabitants"), _("target"),
               _("coverage in %")]
    for unit in units:
        header += [f"{labels[unit]}: {column}" for column in columns]
    rows = []
    for table_name, table in ((_("Territory"), territory), (_("Service type"), by_type)):
        for row in [*table.rows, table.total]:
            line = [table_name, row.label, row.population or "", row.services]
            for registered, free, per_thousand, target, coverage in row.cells(units):
                line += [registered if registered is not None else "", free if free is not None else "",
                         round(per_thousand, 2) if per_thousand is not None else "",
                         target if target else "", round(coverage * 100, 1) if coverage is not None else ""]
            rows.append(line)
    return header, rows


@spreadsheet_export
def overview_export(request, fmt):
    """The overview as CSV (UTF-8 with BOM, semicolons, as Czech spreadsheets expect) or XLSX; no cell can run
    as a formula (core.spreadsheets)."""
    if fmt not in ("csv", "xlsx"):
        raise Http404
    _form, filters, territory, by_type, _contributed = _tables(request)
    header, rows = _export_rows(filters, territory, by_type)
    filename = f"kapacity-{timezone.localdate().isoformat()}.{fmt}"
    if fmt == "csv":
        # Decimal numbers as the language writes them (2,62 in Czech), so spreadsheets read them as numbers.
        return csv_response([header, *rows], filename, streaming=False,
                            format_number=lambda value: number_format(value, decimal_pos=2))
    return xlsx_response([header, *rows], filename, sheet_title=_("Capacities"))


# "planning": the ORP's plans, contributed by the apps above (core.contributions, "orp_profile" modules).
@cache_public_page("registry", "codelists", "planning")
def orp_profile(request, code, slug=""):
    """Community-planning profile of one ORP: its services by type, capacities, free places, network gaps."""
    orp = get_object_or_404(Orp.objects.select_related("kraj"), pk=code)
    if slug != slugify(orp.name):
        return redirect("services:orp-profile", code=orp.pk, slug=slugify(orp.name), permanent=True)
    by_type = analysis.type_table(orp=orp, total_label=_("Total"))
    groups = analysis.orp_services_by_type(orp)
    return render(request, "services/orp_profile.html", {
        "orp": orp, "by_type": by_type, "groups": groups,
        "population": analysis.population_by("orp").get(orp.pk), "unit_labels": dict(CapacityUnit.choices),
        "sections": contributions.gather("orp_profile", "orp_profile_sections", orp),
    })
