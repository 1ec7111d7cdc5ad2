"""Being built."""

from django.http import Http404

from django.contrib.syndication.views import Feed


def my_meetings_ics(request, token):
    raise Http404


def coalition_ics(request, slug):
    raise Http404


def meeting_ics(request, slug, pk):
    raise Http404


def events_ics(request):
    raise Http404


def event_ics(request, slug):
    raise Http404


class NewMeetingsFeed(Feed):
    title = "…"
    link = "/"

    def items(self):
        return []


class ApprovedMinutesFeed(Feed):
    title = "…"
    link = "/"

    def items(self):
        return []


class NewOutputsFeed(Feed):
    title = "…"
    link = "/"

    def items(self):
        return []
