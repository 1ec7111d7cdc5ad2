"""Being built."""

from django.http import Http404


def output_library(request):
    raise Http404


def document_download(request, pk):
    raise Http404


def photo_file(request, pk):
    raise Http404


def document_upload(request, slug):
    raise Http404


def photo_upload(request, slug):
    raise Http404
