from django.contrib.syndication.views import Feed
from django.http import Http404


def service_detail(request, pk, slug=""):
    raise Http404


def provider_detail(request, pk, slug=""):
    raise Http404


def correction(request, pk):
    raise Http404


class ChangedServicesFeed(Feed):
    title = "changes"
    link = "/"

    def items(self):
        return []
