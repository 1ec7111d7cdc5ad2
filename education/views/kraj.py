"""The kraj's anonymised figures for its coordinators and quality methodologists: hours of continuing education by
role and ORP, the supervision coverage of its services, and the picture of its providers' self-assessments. No
names of people; cells of fewer than three providers are suppressed (education.aggregates)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.views.decorators.http import require_safe

from core.pagination import paginate
from education import aggregates, permissions
from education.forms import KrajYearForm
from territory.models import home_kraj


def _kraj_and_form(request, *, with_year=True):
    kraje = list(permissions.kraj_view_kraje(request.user).order_by("name"))
    if not kraje:
        raise PermissionDenied
    form = KrajYearForm(request.GET or None, kraje=kraje)
    home = home_kraj()
    kraj = form.chosen_kraj(home if home in kraje else kraje[0])
    return kraj, form


@login_required
@require_safe
def kraj_hours(request):
    kraj, form = _kraj_and_form(request)
    year = form.chosen()
    figures = aggregates.kraj_hours(kraj, year)
    return render(request, "education/kraj_hours.html", {
        "kraj": kraj, "form": form, "year": year, "figures": figures, "min_providers": aggregates.MIN_PROVIDERS,
        "minimum": aggregates.STATUTORY_MINIMUM,
    }, status=400 if form.errors else 200)


@login_required
@require_safe
def kraj_supervision(request):
    """Which of the kraj's services had no supervision session in the year (service names are the registry's,
    public anyway; the sessions' details stay with the providers)."""
    kraj, form = _kraj_and_form(request)
    year = form.chosen()
    services = aggregates.services_with_supervision(kraj, year).order_by("name", "pk")
    total = services.count()
    without = services.filter(sessions=0)
    page, pagination = paginate(request, without)
    return render(request, "education/kraj_supervision.html", {
        **pagination, "kraj": kraj, "form": form, "year": year, "total": total, "services": list(page),
        "covered": total - pagination["page"].paginator.count,
    }, status=400 if form.errors else 200)


@login_required
@require_safe
def kraj_quality(request):
    """The anonymised picture of the kraj's providers' latest completed self-assessments."""
    kraj, form = _kraj_and_form(request)
    picture = aggregates.kraj_quality(kraj)
    return render(request, "education/kraj_quality.html", {
        "kraj": kraj, "form": form, "picture": picture, "min_providers": aggregates.MIN_PROVIDERS,
        "weakest": aggregates.weakest_standards(kraj),
    }, status=400 if form.errors else 200)
