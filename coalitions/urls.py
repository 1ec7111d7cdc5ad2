from django.urls import path
from django.utils.translation import pgettext_lazy

from coalitions.views import calendars, coalitions, documents, events, meetings, minutes

app_name = "coalitions"
urlpatterns = [
    # Coalitions, outputs library, documents and photos (views/coalitions.py, views/documents.py)
    path(pgettext_lazy("URL", "coalitions/"), coalitions.coalition_list, name="index"),
    path(pgettext_lazy("URL", "coalitions/outputs/"), documents.output_library, name="outputs"),
    path(pgettext_lazy("URL", "coalitions/documents/<int:pk>/"), documents.document_download, name="document"),
    path(pgettext_lazy("URL", "coalitions/photos/<int:pk>/"), documents.photo_file, name="photo"),
    # Calendars and feeds (views/calendars.py)
    path(pgettext_lazy("URL", "coalitions/my-meetings/<str:token>.ics"), calendars.my_meetings_ics, name="my-meetings-ics"),
    path(pgettext_lazy("URL", "coalitions/rss/meetings/"), calendars.NewMeetingsFeed(), name="feed-meetings"),
    path(pgettext_lazy("URL", "coalitions/rss/minutes/"), calendars.ApprovedMinutesFeed(), name="feed-minutes"),
    path(pgettext_lazy("URL", "coalitions/rss/outputs/"), calendars.NewOutputsFeed(), name="feed-outputs"),
    # E-mail preferences without logging in (views/meetings.py)
    path(pgettext_lazy("URL", "coalitions/notifications/<str:token>/"), meetings.unsubscribe, name="unsubscribe"),
    # One coalition
    path(pgettext_lazy("URL", "coalitions/<slug:slug>/"), coalitions.coalition_detail, name="detail"),
    path(pgettext_lazy("URL", "coalitions/<slug:slug>/calendar.ics"), calendars.coalition_ics, name="coalition-ics"),
    path(pgettext_lazy("URL", "coalitions/<slug:slug>/documents/new/"), documents.document_upload, name="document-upload"),
    path(pgettext_lazy("URL", "coalitions/<slug:slug>/photos/new/"), documents.photo_upload, name="photo-upload"),
    # Meetings, registration, attendance (views/meetings.py)
    path(pgettext_lazy("URL", "coalitions/<slug:slug>/meetings/new/"), meetings.meeting_create, name="meeting-create"),
    path(pgettext_lazy("URL", "coalitions/<slug:slug>/meetings/<int:pk>/"), meetings.meeting_detail, name="meeting"),
    path(pgettext_lazy("URL", "coalitions/<slug:slug>/meetings/<int:pk>/edit/"), meetings.meeting_edit, name="meeting-edit"),
    path(pgettext_lazy("URL", "coalitions/<slug:slug>/meetings/<int:pk>/publish/"), meetings.meeting_publish, name="meeting-publish"),
    path(pgettext_lazy("URL", "coalitions/<slug:slug>/meetings/<int:pk>/registration/"), meetings.meeting_register, name="meeting-register"),
    path(pgettext_lazy("URL", "coalitions/<slug:slug>/meetings/<int:pk>/attendance/"), meetings.attendance, name="meeting-attendance"),
    path(pgettext_lazy("URL", "coalitions/<slug:slug>/meetings/<int:pk>/calendar.ics"), calendars.meeting_ics, name="meeting-ics"),
    # Minutes, decisions and tasks (views/minutes.py)
    path(pgettext_lazy("URL", "coalitions/<slug:slug>/meetings/<int:pk>/minutes/"), minutes.minutes_edit, name="minutes-edit"),
    path(pgettext_lazy("URL", "coalitions/<slug:slug>/meetings/<int:pk>/minutes/status/"), minutes.minutes_status, name="minutes-status"),
    path(pgettext_lazy("URL", "coalitions/<slug:slug>/meetings/<int:pk>/minutes/history/"), minutes.minutes_history, name="minutes-history"),
    path(pgettext_lazy("URL", "coalitions/<slug:slug>/meetings/<int:pk>/tasks/"), minutes.task_create, name="task-create"),
    path(pgettext_lazy("URL", "coalitions/<slug:slug>/tasks/<int:pk>/status/"), minutes.task_status, name="task-status"),
    # Events calendar (views/events.py)
    path(pgettext_lazy("URL", "events/"), events.event_list, name="events"),
    path(pgettext_lazy("URL", "events/calendar.ics"), calendars.events_ics, name="events-ics"),
    path(pgettext_lazy("URL", "events/news.atom"), calendars.UpcomingEventsFeed(), name="feed-events"),
    path(pgettext_lazy("URL", "events/<int:year>/<int:month>/"), events.event_month, name="events-month"),
    path(pgettext_lazy("URL", "events/<slug:slug>/"), events.event_detail, name="event"),
    path(pgettext_lazy("URL", "events/<slug:slug>/registration/"), events.event_register, name="event-register"),
    path(pgettext_lazy("URL", "events/<slug:slug>/attendance/"), events.event_attendance, name="event-attendance"),
    path(pgettext_lazy("URL", "events/<slug:slug>/calendar.ics"), calendars.event_ics, name="event-ics"),
    path(pgettext_lazy("URL", "events/<slug:slug>/photos/new/"), events.event_photo_upload, name="event-photo-upload"),
]
