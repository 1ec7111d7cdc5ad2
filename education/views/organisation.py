"""A provider's education, for its education managers and main contacts: every linked worker's hours in a year and
who is short of the 24, inviting workers, the education-manager permission, the education plan for the year, and
the supervision sessions of its services. Nobody sees another organisation's people: every page asks
permissions.can_manage_education for this provider."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from education import emails, hours, permissions
from education.forms import (
    InviteWorkerForm,
    PlannedEducationForm,
    SupervisionSessionForm,
    WorkerForm,
    YearForm,
    current_year,
)
from education.models import PlannedEducation, ProviderWorker, SelfAssessmentRound, SupervisionSession
from services.models import Provider


def provider_to_manage(request, pk) -> Provider:
    provider = get_object_or_404(Provider, pk=pk)
    if not permissions.can_manage_education(request.user, provider):
        raise PermissionDenied
    return provider


@login_required
@require_safe
def organisations(request):
    """The providers whose education the person manages."""
    providers = list(permissions.managed_providers(request.user).order_by("name", "pk"))
    return render(request, "education/organisations.html", {"providers": providers})


@login_required
@require_safe
def organisation_detail(request, pk):
    """The workers' hours in the chosen year (who is short of the 24), pending invitations and the year's plan.
    A fixed number of queries whatever the number of workers."""
    provider = provider_to_manage(request, pk)
    form = YearForm(request.GET or None, years=range(current_year() + 1, current_year() - 6, -1))
    year = form.chosen()
    workers = list(hours.with_hours(ProviderWorker.objects.filter(provider=provider, ended_on__isnull=True)
                                    .select_related("person", "role", "service"), year)
                   .order_by("person__display_name", "pk"))
    current = [w for w in workers if w.is_current]
    for worker in current:
        worker.hours = hours.worker_hours(worker, year)
    plan = list(PlannedEducation.objects.filter(worker__provider=provider, year=year)
                .select_related("worker__person", "programme", "term").order_by("worker__person__display_name", "pk"))
    planned = {}
    for item in plan:
        planned.setdefault(item.worker_id, []).append(item)
    for worker in current:
        worker.planned = planned.get(worker.pk, [])
        worker.planned_hours = sum((item.hours for item in worker.planned), hours.ZERO)
    statutory = [w for w in current if w.role.statutory]
    return render(request, "education/organisation_detail.html", {
        "provider": provider, "form": form, "year": year, "workers": current,
        "pending": [w for w in workers if w.is_pending],
        "short": [w for w in statutory if not w.hours.is_met], "statutory_count": len(statutory),
        "minimum": hours.STATUTORY_MINIMUM, "can_grant": permissions.can_grant_education_manager(request.user,
                                                                                                 provider),
        "rounds": list(SelfAssessmentRound.objects.filter(provider=provider).order_by("-started_on", "-pk")[:3]),
    }, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def worker_invite(request, pk):
    """Invite a portal account; the link counts once the person accepts it on their education record."""
    provider = provider_to_manage(request, pk)
    form = InviteWorkerForm(request.POST or None, provider=provider)
    if request.method == "POST" and form.is_valid():
        worker = ProviderWorker.objects.create(provider=provider, person=form.person, role=form.cleaned_data["role"],
                                               service=form.cleaned_data["service"], invited_by=request.user)
        emails.queue_invitation(worker)
        messages.success(request, _("%(name)s is invited; the link counts once they accept it.")
                         % {"name": worker.person.public_name})
        return redirect("education:organisation", pk=provider.pk)
    return render(request, "education/worker_invite.html", {"provider": provider, "form": form},
                  status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def worker_edit(request, pk, worker):
    """A worker's role and service; the education-manager permission for those who may give it; end the link."""
    provider = provider_to_manage(request, pk)
    link = get_object_or_404(ProviderWorker.objects.select_related("person", "provider"), pk=worker,
                             provider=provider, ended_on__isnull=True)
    may_grant = permissions.can_grant_education_manager(request.user, provider)
    form = WorkerForm(request.POST or None, instance=link, may_grant=may_grant)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            link = form.save()
            if form.cleaned_data.get("end"):
                link.end()
        messages.success(request, _("The link of %(name)s is saved.") % {"name": link.person.public_name})
        return redirect("education:organisation", pk=provider.pk)
    return render(request, "education/worker_form.html", {"provider": provider, "link": link, "form": form},
                  status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def plan_add(request, pk):
    provider = provider_to_manage(request, pk)
    form = PlannedEducationForm(request.POST or None, provider=provider)
    if request.method == "POST" and form.is_valid():
        item = form.save(commit=False)
        item.created_by = request.user
        item.save()
        messages.success(request, _("The plan is saved."))
        return redirect(f"{provider_url(provider)}?year={item.year}")
    return render(request, "education/plan_form.html", {"provider": provider, "form": form},
                  status=400 if form.errors else 200)


def provider_url(provider) -> str:
    return reverse("education:organisation", args=[provider.pk])


@require_POST
@login_required
def plan_delete(request, pk, item):
    provider = provider_to_manage(request, pk)
    planned = get_object_or_404(PlannedEducation, pk=item, worker__provider=provider)
    year = planned.year
    planned.delete()
    messages.success(request, _("The line is removed from the plan."))
    return redirect(f"{provider_url(provider)}?year={year}")


@login_required
@require_http_methods(["GET", "POST"])
def supervision(request, pk):
    """The supervision sessions of the provider's services in a year, and a form to record one (date, kind,
    hours, supervisor — never the content)."""
    provider = provider_to_manage(request, pk)
    year_form = YearForm(request.GET or None)
    year = year_form.chosen()
    form = SupervisionSessionForm(request.POST or None, provider=provider)
    if request.method == "POST" and form.is_valid():
        session = form.save(commit=False)
        session.recorded_by = request.user
        session.save()
        messages.success(request, _("The supervision session is recorded."))
        return redirect(f"{request.path}?year={session.held_on.year}")
    sessions = list(SupervisionSession.objects.in_year(year).filter(service__provider=provider)
                    .select_related("service", "supervisor").order_by("-held_on", "-pk"))
    services = list(form.fields["service"].queryset)
    covered = {session.service_id for session in sessions}
    return render(request, "education/supervision.html", {
        "provider": provider, "year": year, "year_form": year_form, "form": form, "sessions": sessions,
        "without": [service for service in services if service.pk not in covered],
    }, status=400 if form.errors or year_form.errors else 200)
