from django.urls import path
from django.utils.translation import pgettext_lazy

from discussions import feeds
from discussions.views import forum, moderation

app_name = "discussions"
urlpatterns = [
    path(pgettext_lazy("URL", "forum/"), forum.index, name="index"),
    path(pgettext_lazy("URL", "forum/search/"), forum.search, name="search"),
    path(pgettext_lazy("URL", "forum/unread/"), forum.unread, name="unread"),
    path(pgettext_lazy("URL", "forum/rules/"), forum.rules, name="rules"),
    path(pgettext_lazy("URL", "forum/settings/"), forum.preferences, name="preferences"),
    path(pgettext_lazy("URL", "forum/unsubscribe/<str:token>/"), forum.unsubscribe, name="unsubscribe"),
    path(pgettext_lazy("URL", "forum/about/<str:label>/<int:pk>/"), forum.about_redirect, name="about"),
    path(pgettext_lazy("URL", "forum/coalitions/<slug:slug>/"), forum.coalition_board, name="coalition-board"),
    # Categories and coalition boards
    path(pgettext_lazy("URL", "forum/category/<slug:slug>/"), forum.category_detail, name="category"),
    path(pgettext_lazy("URL", "forum/category/<slug:slug>/new-thread/"), forum.thread_create, name="thread-create"),
    path(pgettext_lazy("URL", "forum/category/<slug:slug>/watch/"), forum.category_watch, name="category-watch"),
    path(pgettext_lazy("URL", "forum/category/<slug:slug>/rss/"), feeds.CategoryFeed(), name="category-rss"),
    path(pgettext_lazy("URL", "forum/category/<slug:slug>/atom/"), feeds.CategoryAtomFeed(), name="category-atom"),
    # Threads
    path(pgettext_lazy("URL", "forum/thread/<int:pk>/"), forum.thread_detail, name="thread"),
    path(pgettext_lazy("URL", "forum/thread/<int:pk>/reply/"), forum.reply, name="thread-reply"),
    path(pgettext_lazy("URL", "forum/thread/<int:pk>/watch/"), forum.thread_watch, name="thread-watch"),
    path(pgettext_lazy("URL", "forum/thread/<int:pk>/move/"), moderation.thread_move, name="thread-move"),
    path(pgettext_lazy("URL", "forum/thread/<int:pk>/moderate/<slug:action>/"), moderation.thread_moderate,
         name="thread-moderate"),
    path(pgettext_lazy("URL", "forum/thread/<int:pk>/rss/"), feeds.ThreadFeed(), name="thread-rss"),
    path(pgettext_lazy("URL", "forum/thread/<int:pk>/atom/"), feeds.ThreadAtomFeed(), name="thread-atom"),
    # Posts
    path(pgettext_lazy("URL", "forum/post/<int:pk>/"), forum.post_permalink, name="post"),
    path(pgettext_lazy("URL", "forum/post/<int:pk>/edit/"), forum.post_edit, name="post-edit"),
    path(pgettext_lazy("URL", "forum/post/<int:pk>/history/"), forum.post_history, name="post-history"),
    path(pgettext_lazy("URL", "forum/post/<int:pk>/delete/"), forum.post_delete, name="post-delete"),
    path(pgettext_lazy("URL", "forum/post/<int:pk>/hide/"), moderation.post_hide, name="post-hide"),
    path(pgettext_lazy("URL", "forum/post/<int:pk>/show/"), moderation.post_unhide, name="post-unhide"),
    path(pgettext_lazy("URL", "forum/post/<int:pk>/approve/"), moderation.post_approve, name="post-approve"),
    path(pgettext_lazy("URL", "forum/post/<int:pk>/reject/"), moderation.post_reject, name="post-reject"),
    # Moderation (generic: posts and offers)
    path(pgettext_lazy("URL", "forum/report/<str:label>/<int:pk>/"), moderation.flag, name="flag"),
    path(pgettext_lazy("URL", "forum/moderation/"), moderation.queue, name="queue"),
    path(pgettext_lazy("URL", "forum/moderation/reports/<int:pk>/"), moderation.flag_resolve, name="flag-resolve"),
    path(pgettext_lazy("URL", "forum/moderation/reports/"), moderation.flag_bulk, name="flag-bulk"),
    path(pgettext_lazy("URL", "forum/moderation/spammer/<int:pk>/"), moderation.silence_spammer, name="silence-spammer"),
    path(pgettext_lazy("URL", "forum/moderation/suspend/<int:pk>/"), moderation.suspend, name="suspend"),
]
