"""Provider staff: "My services" and the short form reporting free places and waiting lists."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from services import permissions
from services.forms import CapacityReportForms
from services.models import RegisteredCapacity, Service, outdated_before, record_daily_reports


@login_required
def my_services(request):
    """The services of the providers the person reports for, with their current figures (three queries)."""
    providers = list(permissions.staffed_providers(request.user).order_by("name", "pk").prefetch_related(
        Prefetch("services", queryset=Service.objects.active().select_related("service_type")
                 .prefetch_related("capacities").order_by("name", "pk"))))
    if request.session.get(permissions.SESSION_FLAG) != bool(providers):
        request.session[permissions.SESSION_FLAG] = bool(providers)
    return render(request, "services/my_services.html", {
        "providers": providers,
        "stale_before": outdated_before(),
    })


@login_required
@require_http_methods(["GET", "POST"])
def report_capacity(request, pk):
    """Free places and waiting list of every registered capacity line of one service, in one submit."""
    service = get_object_or_404(Service.objects.select_related("provider", "service_type"), pk=pk)
    if not permissions.can_report_capacity(request.user, service):
        raise PermissionDenied
    lines = list(RegisteredCapacity.objects.filter(service=service).order_by("form", "unit"))
    forms = CapacityReportForms(lines, request.POST if request.method == "POST" else None)
    if request.method == "POST" and forms.is_valid():
        written = record_daily_reports(
            service=service, by=request.user,
            figures=[(form.line, form.cleaned_data["free_places"], form.cleaned_data["waiting_list"])
                     for form in forms])
        if written:
            messages.success(request, ngettext(
                "Thank you: %(count)d figure of %(service)s was saved.",
                "Thank you: %(count)d figures of %(service)s were saved.", written)
                % {"count": written, "service": service.name})
        else:
            messages.info(request, _("The figures of %(service)s are unchanged; nothing new was saved.")
                          % {"service": service.name})
        return redirect("services:my-services")
    return render(request, "services/capacity_report.html", {
        "service": service,
        "forms": forms,
        "stale_before": outdated_before(),
    }, status=400 if forms.errors else 200)
