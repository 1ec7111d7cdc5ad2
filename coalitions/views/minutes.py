"""Being built."""

from django.http import Http404


def minutes_edit(request, slug, pk):
    raise Http404


def minutes_status(request, slug, pk):
    raise Http404


def minutes_history(request, slug, pk):
    raise Http404


def task_create(request, slug, pk):
    raise Http404


def task_status(request, slug, pk):
    raise Http404
