"""Provider staff: annual figures of their services (with a year-on-year check) and their audits' corrective
actions."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from network import permissions
from network.forms import AnnualFiguresForm, current_year
from network.models import AnnualFigures, Audit, CorrectiveAction
from services import permissions as service_permissions
from services.models import Service


@login_required
def my_figures(request):
    """The services of the person's providers, the years they reported, and their audits' open actions."""
    services = list(Service.objects.active().filter(provider__in=service_permissions.staffed_providers(request.user))
                    .select_related("service_type", "provider").order_by("provider__name", "name", "pk")
                    .prefetch_related(Prefetch("annual_figures", queryset=AnnualFigures.objects.order_by("-year"))))
    actions = list(CorrectiveAction.objects.open().filter(audit__service__in=[s.pk for s in services])
                   .select_related("audit", "audit__service").order_by("deadline", "pk"))
    audits = list(Audit.objects.filter(service__in=[s.pk for s in services]).select_related("service")
                  .order_by("-carried_out_on", "-pk")[:50])
    return render(request, "network/my_figures.html", {
        "services": services, "actions": actions, "audits": audits, "report_year": current_year() - 1,
        "today": timezone.localdate(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def edit_figures(request, pk, year):
    """A service's figures for one year: validated, units fitting the type, jumps against the previous year
    confirmed explicitly."""
    service = get_object_or_404(Service.objects.select_related("service_type", "provider"), pk=pk)
    if not permissions.can_report_figures(request.user, service):
        raise PermissionDenied
    if not 2000 <= year <= current_year():
        raise PermissionDenied  # figures of a year that has not begun (or a crafted address)
    instance = AnnualFigures.objects.filter(service=service, year=year).first() or AnnualFigures(
        service=service, year=year)
    previous = AnnualFigures.objects.filter(service=service, year=year - 1).first()
    form = AnnualFiguresForm(request.POST or None, instance=instance, previous=previous)
    if request.method == "POST" and form.is_valid():
        figures = form.save(commit=False)
        figures.reported_by, figures.reported_at = request.user, timezone.now()
        figures.save()
        messages.success(request, _("The figures of %(service)s for %(year)s were saved.")
                         % {"service": service.name, "year": year})
        return redirect("network:my-figures")
    return render(request, "network/figures_form.html", {
        "service": service, "year": year, "form": form, "previous": previous,
    }, status=400 if form.errors else 200)
