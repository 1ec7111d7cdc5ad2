from django.urls import path

from coalitions.views import calendars, coalitions, documents, events, meetings, minutes

app_name = "coalitions"
urlpatterns = [
    # Coalitions, outputs library, documents and photos (views/coalitions.py, views/documents.py)
    path("koalice/", coalitions.coalition_list, name="index"),
    path("koalice/vystupy/", documents.output_library, name="outputs"),
    path("koalice/dokumenty/<int:pk>/", documents.document_download, name="document"),
    path("koalice/fotografie/<int:pk>/", documents.photo_file, name="photo"),
    # Calendars and feeds (views/calendars.py)
    path("koalice/moje-setkani/<str:token>.ics", calendars.my_meetings_ics, name="my-meetings-ics"),
    path("koalice/rss/setkani/", calendars.NewMeetingsFeed(), name="feed-meetings"),
    path("koalice/rss/zapisy/", calendars.ApprovedMinutesFeed(), name="feed-minutes"),
    path("koalice/rss/vystupy/", calendars.NewOutputsFeed(), name="feed-outputs"),
    # E-mail preferences without logging in (views/meetings.py)
    path("koalice/upozorneni/<str:token>/", meetings.unsubscribe, name="unsubscribe"),
    # One coalition
    path("koalice/<slug:slug>/", coalitions.coalition_detail, name="detail"),
    path("koalice/<slug:slug>/kalendar.ics", calendars.coalition_ics, name="coalition-ics"),
    path("koalice/<slug:slug>/dokumenty/novy/", documents.document_upload, name="document-upload"),
    path("koalice/<slug:slug>/fotografie/nova/", documents.photo_upload, name="photo-upload"),
    # Meetings, registration, attendance (views/meetings.py)
    path("koalice/<slug:slug>/setkani/nove/", meetings.meeting_create, name="meeting-create"),
    path("koalice/<slug:slug>/setkani/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("koalice/<slug:slug>/setkani/<int:pk>/upravit/", meetings.meeting_edit, name="meeting-edit"),
    path("koalice/<slug:slug>/setkani/<int:pk>/zverejnit/", meetings.meeting_publish, name="meeting-publish"),
    path("koalice/<slug:slug>/setkani/<int:pk>/registrace/", meetings.meeting_register, name="meeting-register"),
    path("koalice/<slug:slug>/setkani/<int:pk>/dochazka/", meetings.attendance, name="meeting-attendance"),
    path("koalice/<slug:slug>/setkani/<int:pk>/kalendar.ics", calendars.meeting_ics, name="meeting-ics"),
    # Minutes, decisions and tasks (views/minutes.py)
    path("koalice/<slug:slug>/setkani/<int:pk>/zapis/", minutes.minutes_edit, name="minutes-edit"),
    path("koalice/<slug:slug>/setkani/<int:pk>/zapis/stav/", minutes.minutes_status, name="minutes-status"),
    path("koalice/<slug:slug>/setkani/<int:pk>/zapis/historie/", minutes.minutes_history, name="minutes-history"),
    path("koalice/<slug:slug>/setkani/<int:pk>/ukoly/", minutes.task_create, name="task-create"),
    path("koalice/<slug:slug>/ukoly/<int:pk>/stav/", minutes.task_status, name="task-status"),
    # Events calendar (views/events.py)
    path("akce/", events.event_list, name="events"),
    path("akce/kalendar.ics", calendars.events_ics, name="events-ics"),
    path("akce/novinky.atom", calendars.UpcomingEventsFeed(), name="feed-events"),
    path("akce/<int:year>/<int:month>/", events.event_month, name="events-month"),
    path("akce/<slug:slug>/", events.event_detail, name="event"),
    path("akce/<slug:slug>/registrace/", events.event_register, name="event-register"),
    path("akce/<slug:slug>/kalendar.ics", calendars.event_ics, name="event-ics"),
    path("akce/<slug:slug>/fotografie/nova/", events.event_photo_upload, name="event-photo-upload"),
]
