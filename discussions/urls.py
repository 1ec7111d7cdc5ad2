from django.urls import path

from discussions import feeds
from discussions.views import forum, moderation

app_name = "discussions"
urlpatterns = [
    path("diskuse/", forum.index, name="index"),
    path("diskuse/hledat/", forum.search, name="search"),
    path("diskuse/neprectene/", forum.unread, name="unread"),
    path("diskuse/pravidla/", forum.rules, name="rules"),
    path("diskuse/nastaveni/", forum.preferences, name="preferences"),
    path("diskuse/odhlasit/<str:token>/", forum.unsubscribe, name="unsubscribe"),
    path("diskuse/o/<str:label>/<int:pk>/", forum.about_redirect, name="about"),
    path("diskuse/koalice/<slug:slug>/", forum.coalition_board, name="coalition-board"),
    # Categories and coalition boards
    path("diskuse/kategorie/<slug:slug>/", forum.category_detail, name="category"),
    path("diskuse/kategorie/<slug:slug>/nove-vlakno/", forum.thread_create, name="thread-create"),
    path("diskuse/kategorie/<slug:slug>/sledovat/", forum.category_watch, name="category-watch"),
    path("diskuse/kategorie/<slug:slug>/rss/", feeds.CategoryFeed(), name="category-rss"),
    path("diskuse/kategorie/<slug:slug>/atom/", feeds.CategoryAtomFeed(), name="category-atom"),
    # Threads
    path("diskuse/vlakno/<int:pk>/", forum.thread_detail, name="thread"),
    path("diskuse/vlakno/<int:pk>/odpovedet/", forum.reply, name="thread-reply"),
    path("diskuse/vlakno/<int:pk>/sledovat/", forum.thread_watch, name="thread-watch"),
    path("diskuse/vlakno/<int:pk>/presunout/", moderation.thread_move, name="thread-move"),
    path("diskuse/vlakno/<int:pk>/moderovat/<slug:action>/", moderation.thread_moderate,
         name="thread-moderate"),
    path("diskuse/vlakno/<int:pk>/rss/", feeds.ThreadFeed(), name="thread-rss"),
    path("diskuse/vlakno/<int:pk>/atom/", feeds.ThreadAtomFeed(), name="thread-atom"),
    # Posts
    path("diskuse/prispevek/<int:pk>/", forum.post_permalink, name="post"),
    path("diskuse/prispevek/<int:pk>/upravit/", forum.post_edit, name="post-edit"),
    path("diskuse/prispevek/<int:pk>/historie/", forum.post_history, name="post-history"),
    path("diskuse/prispevek/<int:pk>/smazat/", forum.post_delete, name="post-delete"),
    path("diskuse/prispevek/<int:pk>/skryt/", moderation.post_hide, name="post-hide"),
    path("diskuse/prispevek/<int:pk>/zobrazit/", moderation.post_unhide, name="post-unhide"),
    path("diskuse/prispevek/<int:pk>/schvalit/", moderation.post_approve, name="post-approve"),
    path("diskuse/prispevek/<int:pk>/zamitnout/", moderation.post_reject, name="post-reject"),
    # Moderation (generic: posts and offers)
    path("diskuse/nahlasit/<str:label>/<int:pk>/", moderation.flag, name="flag"),
    path("diskuse/moderace/", moderation.queue, name="queue"),
    path("diskuse/moderace/hlaseni/<int:pk>/", moderation.flag_resolve, name="flag-resolve"),
    path("diskuse/moderace/hlaseni/", moderation.flag_bulk, name="flag-bulk"),
    path("diskuse/moderace/spammer/<int:pk>/", moderation.silence_spammer, name="silence-spammer"),
    path("diskuse/moderace/pozastavit/<int:pk>/", moderation.suspend, name="suspend"),
]
