"""Being built."""

from django.http import Http404


def unsubscribe(request, token):
    raise Http404


def meeting_create(request, slug):
    raise Http404


def meeting_detail(request, slug, pk):
    raise Http404


def meeting_edit(request, slug, pk):
    raise Http404


def meeting_publish(request, slug, pk):
    raise Http404


def meeting_register(request, slug, pk):
    raise Http404


def attendance(request, slug, pk):
    raise Http404
