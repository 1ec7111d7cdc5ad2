from django.db.models import Count, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify

from territory.forms import TerritoryPickerForm
from territory.models import Kraj, Orp


def index(request):
    """Browse the territory: the picker narrows kraj → okres → ORP → obec with plain GET submits."""
    form = TerritoryPickerForm(request.GET or None)
    level, unit = form.selected()
    kraje = Kraj.objects.annotate(population_total=Sum("orps__obce__population"), orp_count=Count("orps",
                                                                                                   distinct=True))
    return render(request, "territory/index.html", {"form": form, "level": level, "unit": unit, "kraje": kraje})


def kraj_detail(request, code, slug=""):
    kraj = get_object_or_404(Kraj, pk=code)
    if slug != slugify(kraj.name):
        return redirect(kraj, permanent=True)
    orps = kraj.orps.annotate(population_total=Sum("obce__population"), obec_count=Count("obce"))
    return render(request, "territory/kraj_detail.html", {"kraj": kraj, "orps": orps,
                                                         "population": sum(o.population_total or 0 for o in orps)})


def orp_detail(request, code, slug=""):
    orp = get_object_or_404(Orp.objects.select_related("kraj"), pk=code)
    if slug != slugify(orp.name):
        return redirect(orp, permanent=True)
    obce = orp.obce.select_related("okres")
    return render(request, "territory/orp_detail.html", {"orp": orp, "obce": obce,
                                                        "population": sum(o.population or 0 for o in obce)})
