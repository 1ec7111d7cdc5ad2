"""The families app's public pages: what minitendry are, the aggregated statistics (per category, kraj, ORP and
year; per provider only for the kraj's coordinators) with their CSV/XLSX downloads, the minimal network for
families per ORP and the typology. Only aggregates: no request, offer or free text is ever shown here. The pages
are cached for anonymous visitors by the sections they show (families/apps.py)."""

from django import forms
from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.pagecache import cache_public_page
from core.spreadsheets import csv_response, spreadsheet_export, xlsx_response
from families import minimal_network, permissions, statistics, typology
from families.models import Category, ServiceRequest
from network.forms import NetworkFilterForm, portal_kraj
from services.models import CapacityUnit
from territory.models import Kraj

CATEGORY_LABELS = dict(Category.choices)


def index(request):
    """What minitendry are, and the way in for each role."""
    user = request.user
    return render(request, "families/index.html", {
        "ospod": permissions.is_ospod_worker(user), "provider": permissions.is_provider_staff(user),
        "coordinator": permissions.is_families_coordinator(user), "categories": Category.choices,
    })


class StatisticsForm(forms.Form):
    """Kraj and year of the statistics; a bad value is a form error and everything is shown."""

    kraj = forms.TypedChoiceField(label=gettext_lazy("Kraj"), coerce=int, required=False, empty_value=None)
    year = forms.TypedChoiceField(label=gettext_lazy("Year"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, kraje, years, all_kraje_label, **kwargs):
        super().__init__(*args, **kwargs)
        self.kraje = {kraj.pk: kraj for kraj in kraje}
        self.fields["kraj"].choices = [("", all_kraje_label), *((kraj.pk, kraj.name) for kraj in kraje)]
        self.fields["year"].choices = [("", _("— all years —")), *((year, year) for year in years)]

    def chosen(self):
        data = self.cleaned_data if self.is_valid() else {}
        return self.kraje.get(data.get("kraj")), data.get("year")


def _statistics_context(request):
    kraje = list(Kraj.objects.filter(orps__in=ServiceRequest.objects.values("orp")).distinct()
                 .order_by("name"))
    form = StatisticsForm(request.GET or None, kraje=kraje, years=statistics.years_with_data(),
                          all_kraje_label=_("— every kraj —"))
    kraj, year = form.chosen()
    allowed = set(permissions.provider_breakdown_kraje(request.user).values_list("pk", flat=True))
    provider_kraje = [kraj.pk] if kraj is not None and kraj.pk in allowed else sorted(allowed) if kraj is None \
        else []
    figures = statistics.compute(kraj=kraj, year=year, provider_kraje=provider_kraje)
    return form, kraj, year, figures, bool(provider_kraje)


@cache_public_page("families", "codelists")
def statistics_page(request):
    """The statistics of minitendry; the pilot's table (contracts per category and value per kraj) first."""
    form, kraj, year, figures, providers_shown = _statistics_context(request)
    return render(request, "families/statistics.html", {
        "form": form, "kraj": kraj, "year": year, "figures": figures, "providers_shown": providers_shown,
        "categories": Category.choices, "query": request.GET.urlencode(),
    })


TABLES = ("pilot", "kraje", "years", "orps", "providers")


@spreadsheet_export
def statistics_export(request, file_format):
    """One table of the statistics page as CSV or XLSX (formula-safe, core.spreadsheets)."""
    table = request.GET.get("table", "pilot")
    if file_format not in ("csv", "xlsx") or table not in TABLES:
        raise Http404
    _form, kraj, year, figures, providers_shown = _statistics_context(request)
    if table == "providers" and not providers_shown:
        raise Http404  # the breakdown per provider is for the kraj's coordinators
    rows = _table_rows(table, figures)
    suffix = f"-{kraj.nuts3.lower()}" if kraj else ""
    filename = f"minitendry-{table}{suffix}{f'-{year}' if year else ''}.{file_format}"
    if file_format == "csv":
        return csv_response(rows, filename, streaming=False,
                            format_number=lambda value: number_format(value, decimal_pos=1))
    return xlsx_response(rows, filename, sheet_title=_("Statistics"))


def _table_rows(table, figures) -> list[list]:
    labels = [str(label) for _value, label in Category.choices]
    if table == "pilot":
        rows = [[_("Kraj"), *labels, _("Contracts in total"), _("Value in total (CZK)")]]
        rows += [[row.name, *row.contracts.cells(), row.contracts.total, int(row.contracts.value)] for row in figures.kraje]
        rows.append([_("Total"), *figures.total.contracts.cells(), figures.total.contracts.total,
                     int(figures.total.contracts.value)])
        return rows
    if table == "kraje":
        rows = [[_("Kraj"), _("Requests"), _("Requests with an offer"), _("Cancelled requests"), _("Offers"),
                 _("Offers per request"), _("Contracts"), _("Value (CZK)"), _("Median days to contract")]]
        for row in [*figures.kraje, figures.total]:
            rows.append([row.name or _("Total"), row.requests, row.answered, row.cancelled, row.offers,
                         _round(row.offers_per_request), row.contracts.total, int(row.contracts.value),
                         _round(row.median_days)])
        return rows
    if table == "years":
        rows = [[_("Year"), _("Kraj"), *labels, _("Contracts in total"), _("Value in total (CZK)")]]
        rows += [[year, name, *counts.cells(), counts.total, int(counts.value)]
                 for year, name, counts in figures.years]
        return rows
    if table == "orps":
        rows = [[_("ORP"), _("Kraj"), *(_("Requests: %(category)s") % {"category": label} for label in labels),
                 *(_("Contracts: %(category)s") % {"category": label} for label in labels), _("Value (CZK)")]]
        rows += [[orp, kraj, *requests.cells(), *contracts.cells(), int(contracts.value)]
                 for orp, kraj, requests, contracts in figures.orps]
        return rows
    rows = [[_("Provider"), _("Kraj"), _("Offers"), _("Offers chosen"), _("Contracts"), _("Value (CZK)")]]
    rows += [[row["name"], row["kraj"], row["offers"], row["selected"], row["contracts"], int(row["value"])]
             for row in figures.providers]
    return rows


def _round(value):
    return None if value is None else round(value, 1)


@cache_public_page("families", "network", "registry", "codelists")
def minimal_network_page(request):
    """Per ORP and category: the minimal network's requirement, the network, the agreements in force and the
    demand per 1,000 children."""
    form = NetworkFilterForm(request.GET or None)  # the network pages' form: the portal's kraj unless chosen
    kraj, year = form.chosen(portal_kraj())
    rows = minimal_network.family_network(kraj=kraj, year=year) if kraj else []
    return render(request, "families/minimal_network.html", {
        "form": form, "kraj": kraj, "year": year, "rows": rows, "totals": minimal_network.kraj_totals(rows),
        "categories": Category.choices, "unit_labels": dict(CapacityUnit.choices),
    })


@cache_public_page("families", "network", "registry", "codelists")
def typology_page(request):
    """The categories with the service types that deliver them; for a coordinator, the registry services of
    their kraj to invite to agreements."""
    categories = typology.categories()
    coordinated = list(permissions.coordinated_kraje(request.user).order_by("name")) if \
        permissions.can_see_typology_suggestions(request.user) else []
    kraj = None
    if coordinated:
        wanted = request.GET.get("kraj", "")
        kraj = next((k for k in coordinated if str(k.pk) == wanted), None) or next(
            (k for k in coordinated if k.nuts3 == settings.PORTAL_REGION), coordinated[0])
        for entry in categories:
            entry["suggestions"] = typology.suggested_services(kraj, entry["category"], entry["types"])
    return render(request, "families/typology.html", {"categories": categories, "kraj": kraj,
                                                      "coordinated": coordinated})
