from django.http import Http404
from django.shortcuts import render


def overview(request):
    """Regional capacity overview."""
    return render(request, "services/capacity.html")


def overview_export(request, fmt):
    raise Http404


def orp_profile(request, code, slug=""):
    raise Http404
