"""Being built."""

from django.http import Http404


def event_list(request):
    raise Http404


def event_month(request, year, month):
    raise Http404


def event_detail(request, slug):
    raise Http404


def event_register(request, slug):
    raise Http404
