"""The coordinators' page of the network (gaps, services standing out among their peers, overdue corrective
actions: one page, no spreadsheet) and a service's indicators against its peers."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from network import efficiency, gaps, permissions
from network.forms import NetworkFilterForm, current_year, portal_kraj
from network.models import AnnualFigures, CorrectiveAction, DisclosureSettings
from services.models import CapacityUnit, Service

TOP_GAPS = 10


@login_required
def overview(request):
    """Where the kraj's network is short of the minimal network, which services are under-used or unusually
    costly against their peers, and which corrective actions are overdue."""
    if not permissions.is_network_coordinator(request.user):
        raise PermissionDenied
    kraje = list(permissions.coordinated_kraje(request.user).order_by("name"))
    form = NetworkFilterForm(request.GET or None)
    default = portal_kraj() if portal_kraj() in kraje else kraje[0]
    kraj, year = form.chosen(default)
    if kraj not in kraje:
        kraj = default  # another kraj's coordination page is not theirs
    figures_year = year - 1  # annual figures are reported after the year ends
    rows = [row for row in gaps.gap_rows(year=year, kraj=kraj) if row.gap]
    figures = efficiency.peer_figures(kraj=kraj, year=figures_year)
    distributions = efficiency.distributions_by_type(figures)
    standing_out = [(figure, flags) for figure in figures
                    if (flags := efficiency.flags(figure, distributions[figure.service.service_type_id]))]
    overdue = list(CorrectiveAction.objects.overdue().in_kraje([kraj])
                   .select_related("audit", "audit__service", "audit__service__provider")
                   .order_by("deadline", "pk"))
    return render(request, "network/overview.html", {
        "form": form, "kraj": kraj, "kraje": kraje, "year": year, "figures_year": figures_year,
        "gap_rows": rows[:TOP_GAPS], "gap_count": len(rows), "standing_out": standing_out,
        "figure_count": len(figures), "overdue": overdue, "unit_labels": dict(CapacityUnit.choices),
        "gap_table_url": reverse("network:gaps") + f"?kraj={kraj.pk}&year={year}",
    })


@login_required
def service_efficiency(request, pk):
    """A service's indicators over the years, and in the chosen year against the kraj's services of its type:
    a dot on a strip (range, quartile box, median) with a table of the same figures."""
    service = get_object_or_404(Service.objects.select_related("service_type", "provider", "orp__kraj"), pk=pk)
    if not permissions.can_see_internal_figures(request.user, service) or service.orp_id is None:
        raise Http404  # the page is internal; the public sees the public figures on the service's page
    history = list(AnnualFigures.objects.with_indicators().filter(service=service).order_by("-year"))
    years = [f.year for f in history]
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and int(year) in years else (years[0] if years else current_year() - 1)
    current = next((f for f in history if f.year == year), None)
    peers = efficiency.peer_figures(kraj=service.orp.kraj, year=year, service_type_id=service.service_type_id)
    distributions = efficiency.distributions_by_type(peers).get(service.service_type_id, {})
    comparison = []
    if current is not None:
        for name, label, _group in efficiency.INDICATORS:
            dist = distributions.get(name, efficiency.Distribution())
            value = getattr(current, name)
            comparison.append({"name": name, "label": label, "value": value, "dist": dist,
                               "strip": efficiency.strip(dist, value),
                               "percent": name in efficiency.PERCENT_INDICATORS})
    return render(request, "network/service_efficiency.html", {
        "service": service, "history": history, "year": year, "years": years, "current": current,
        "comparison": comparison, "peer_count": len(peers),
        "flags": efficiency.flags(current, distributions) if current is not None and distributions else [],
        "disclosure": DisclosureSettings.for_kraj(service.orp.kraj_id),
        "can_report": permissions.can_report_figures(request.user, service),
    })
