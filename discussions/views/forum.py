"""The forum pages: index, category, thread, post permalinks, writing (new thread, reply with a quote,
edit, delete), watching, unread threads, the rules, search and the unsubscribe page of the mails."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Exists, Max, Q, Subquery, Sum, Value
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import get_template
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from discussions import emails, fragments, permissions
from discussions.about import about_from_param, about_label, about_param, about_url
from discussions.filters import ForumSearchFilter
from discussions.forms import EditForm, ReplyForm, ThreadForm
from discussions.models import Category, ForumProfile, Post, Thread, ThreadRead, Watch
from core import pagecache
from core.pagecache import cache_public_page
from core.pagination import paginate
from core.prepared import PreparedValues
from core.ratelimit import is_rate_limited
from core.redirects import safe_next

THREADS_PER_PAGE = 50
POSTS_PER_PAGE = 25
# What the thread page reads of a post and its author (discussions/fragments.py, templates/discussions/
# _post.html, the permission questions); the markdown source and the search text are not shown (the body is
# rendered on save), and an account has many more fields than its public name.
POST_FIELDS = ("thread_id", "author_id", "body_html", "created_at", "edited_at", "is_hidden", "hidden_reason",
               "is_deleted", "is_pending", "author__display_name", "author__first_name", "author__last_name",
               "author__organisation")

# --- Access helpers -------------------------------------------------------------------------------


def get_category_for_user(request, slug, *, remembered: bool = False) -> Category:
    """The category, or 404 for people who may not read it. `remembered`: kept per generation of the data
    (discussions/fragments.py) for pages that only read it."""
    def load():
        return get_object_or_404(Category.objects.select_related("coalition"), slug=slug)

    category = fragments.remembered(("forum-category", slug), load) if remembered else load()
    if not permissions.can_read_category(request.user, category):
        raise Http404  # A members-only board does not exist for outsiders.
    return category


def get_thread_for_user(request, pk, *, remembered: bool = False) -> Thread:
    """The thread, or 404 for people who may not read it; `remembered` as for categories."""
    def load():
        return get_object_or_404(Thread.objects.select_related("category__coalition", "author", "service_type"),
                                 pk=pk)

    thread = fragments.remembered(("forum-thread", pk), load) if remembered else load()
    if not permissions.can_read_thread(request.user, thread):
        raise Http404
    return thread


def get_post_for_user(request, pk) -> Post:
    post = get_object_or_404(Post.objects.select_related("thread__category__coalition", "author"), pk=pk)
    if not permissions.can_read_thread(request.user, post.thread):
        raise Http404
    if post.is_pending and not (post.author_id == request.user.pk
                                or permissions.can_moderate(request.user, post.thread.category)):
        raise Http404  # Waiting for approval: only its author and the moderators know about it.
    return post


def cannot_post(request, category, *, thread=None):
    """Tell people why they may not write yet, and what to do about it (403, or the log-in/rules page)."""
    reason = permissions.posting_blocker(request.user, category)
    if reason == "login":
        return redirect_to_login(request.get_full_path())
    if reason == "rules":
        return redirect(f"{reverse('discussions:rules')}?next={request.get_full_path()}")
    if thread is not None and thread.is_locked:
        reason = "locked"
    return render(request, "discussions/cannot_post.html", {"reason": reason, "category": category,
                                                            "thread": thread}, status=403)


def rate_limited(request, action: str) -> bool:
    if action == "thread":
        limit, period = settings.FORUM_THREADS_PER_HOUR, 3600
    else:
        limit, period = settings.FORUM_POSTS_PER_MINUTE, 60
    return is_rate_limited(request, f"forum-{action}", limit=limit, period=period, key=str(request.user.pk))


def too_fast(request, category, thread=None):
    return render(request, "discussions/cannot_post.html", {"reason": "rate", "category": category,
                                                            "thread": thread}, status=429)


# --- Reading --------------------------------------------------------------------------------------


@cache_public_page("discussions", "coalitions")
@require_safe
def index(request):
    """The forum: topic categories and the coalition boards the person may read, with counts."""
    visible_threads = Q(threads__is_hidden=False)
    categories = list(Category.objects.visible_to(request.user).select_related("coalition").annotate(
        thread_count=Count("threads", filter=visible_threads),
        post_total=Sum("threads__post_count", filter=visible_threads),
        last_activity=Max("threads__last_post_at", filter=visible_threads)).order_by("order", "name"))
    return render(request, "discussions/index.html", {
        "topics": [c for c in categories if c.coalition_id is None],
        "boards": [c for c in categories if c.coalition_id is not None],
        "can_see_queue": permissions.can_see_queue(request.user),
    })


@cache_public_page("discussions", "coalitions", "people")
@require_safe
def category_detail(request, slug):
    """Threads of a category, pinned first, then by the last post (50 a page). The category and its page of
    threads are remembered (discussions/fragments.py); only the viewer's own answers are read per request
    (do they watch the category, which of its threads have they read and when)."""
    user = request.user
    category = get_category_for_user(request, slug, remembered=True)
    can_moderate = permissions.can_moderate(user, category)
    threads = category.threads.all()
    if not can_moderate:
        threads = threads.filter(is_hidden=False)
    threads = (threads.select_related("author", "last_post__author")
               .order_by("-is_pinned", "-last_post_at", "-pk"))
    listing = fragments.thread_listing(
        ("forum-category", category.pk, can_moderate, request.GET.get("page")),
        lambda: paginate(request, threads, per_page=THREADS_PER_PAGE)[0])
    _page, page_context = paginate(request, threads, per_page=THREADS_PER_PAGE, count=listing.count)
    watching, read = False, {}
    if user.is_authenticated:
        watching = CATEGORY_WATCH.first(user=user.pk, category=category.pk) is not None
        read = dict(CATEGORY_READ_MARKERS.all(user=user.pk, category=category.pk))
    unread = fragments.unread_threads(listing, read, user)
    can_post = permissions.can_post(user, category) if user.is_authenticated else True
    context = {"category": category, **page_context, "watching": watching, "can_post": can_post}

    def content():
        return get_template("discussions/_category_content.html").render({
            **context, "rows": fragments.listing_rows(listing, unread), "user": user,
            "csrf_token": get_token(request)})

    # The same for everybody with the same rights, watch state and threads unread on the page: kept once for all
    # of them (core.pagecache.remember_html); not kept with other parameters than the page number.
    key = None if page_context["page_query"] else (
        "forum-category-content", category.pk, page_context["page"].number, user.is_authenticated, can_moderate,
        can_post, watching, unread)
    context["content"] = pagecache.remember_html(request, fragments.THREAD_SECTIONS, key, content)
    return render(request, "discussions/category_detail.html", context)


# The viewer's answers on a category page, each compiled once (core.prepared): do they watch it, and their read
# markers of its threads (as many as threads they opened there).
CATEGORY_WATCH = PreparedValues(lambda user, category: Watch.objects.filter(user=user, category=category)
                                .values_list("pk")[:1])
CATEGORY_READ_MARKERS = PreparedValues(lambda user, category: ThreadRead.objects.filter(
    user=user, thread__category=category).values_list("thread_id", "read_at"))


@cache_public_page(*fragments.THREAD_SECTIONS)
@require_safe
def thread_detail(request, pk):
    """One thread, 25 posts a page; a fixed number of queries however long it is. The thread and its page
    of posts are remembered per generation of the data (discussions/fragments.py): a signed-in person's
    request reads only what is theirs (do they watch it, have they posts waiting, when did they last read
    it)."""
    user = request.user
    thread = get_thread_for_user(request, pk, remembered=True)
    category = thread.category
    can_moderate = permissions.can_moderate(user, category)
    posts = thread.posts.published().select_related("author").only(*POST_FIELDS).order_by("created_at", "pk")
    page, page_context = paginate(request, posts, per_page=POSTS_PER_PAGE, count=thread.post_count)
    page_posts = fragments.thread_page(thread, page, can_moderate=can_moderate)
    watching, own_pending = False, []
    if user.is_authenticated:
        watching, has_pending, read_at = _viewer_answers(user, thread)
        if has_pending:
            own_pending = list(thread.posts.pending().filter(author=user, is_hidden=False)
                               .select_related("author").only(*POST_FIELDS).order_by("created_at", "pk"))
        # The marker only tells whether a thread has posts newer than the last visit (with_unread_for()):
        # while it is newer than the last post, writing it again changes nothing.
        if read_at is None or read_at < thread.last_post_at:
            ThreadRead.mark(user, thread)
    for post in own_pending:  # the author sees their own text, marked as waiting, and may still change it
        post.thread, post.show_body, post.is_pending_for_author = thread, True, True
        post.can_edit, post.can_delete = False, False
    can_reply = permissions.can_reply(user, thread) if user.is_authenticated else False
    can_suspend = can_moderate and permissions.can_suspend(user)
    context = {
        "thread": thread, "category": category, **page_context,
        "can_moderate": can_moderate, "can_suspend": can_suspend,
        "can_reply": can_reply, "reply_form": fragments.reply_form() if can_reply else None,
        "watching": watching, "own_pending": own_pending,
        "show_login_hint": not user.is_authenticated and not thread.is_locked,
    }

    def content():
        # Each post's `html`: what everybody sees of it, remembered per version and language, around this
        # viewer's buttons (discussions/fragments.py).
        context["posts"], context["own_pending"] = fragments.render_posts(
            request, thread, page_posts, own_pending, can_reply=can_reply, can_moderate=can_moderate,
            can_suspend=can_suspend)
        context.update(_about_context(thread))  # a coalition's meeting, item or document: in THREAD_SECTIONS
        return get_template("discussions/_thread_content.html").render(
            {**context, "user": user, "request": request, "csrf_token": get_token(request)})

    # The content is the same for every viewer with the same permissions, watch state and own posts on the page
    # (most have none): kept once for all of them (core.pagecache.remember_html). Not kept: a page with the
    # viewer's posts waiting for approval, or with other parameters than the page number.
    key = None
    if not own_pending and not page_context["page_query"]:
        key = ("forum-thread-content", thread.pk, page.number, user.is_authenticated, can_moderate, can_suspend,
               can_reply, watching, fragments.own_posts(user, thread, page_posts))
    context["content"] = pagecache.remember_html(request, fragments.THREAD_SECTIONS, key, content)
    return render(request, "discussions/thread_detail.html", context)


# (do they watch the thread, have they posts in it waiting for approval, when did they last read it): one query,
# compiled once (core.prepared).
VIEWER_ANSWERS = PreparedValues(lambda user, thread: Thread.objects.filter(pk=thread).values_list(
    Exists(Watch.objects.filter(user=user, thread=thread)),
    Exists(Post.objects.pending().filter(thread=thread, author=user, is_hidden=False)),
    Subquery(ThreadRead.objects.filter(user=user, thread=thread).values("read_at")[:1])))


def _viewer_answers(user, thread) -> tuple[bool, bool, object]:
    watching, has_pending, read_at = VIEWER_ANSWERS.first(user=user.pk, thread=thread.pk)
    return bool(watching), bool(has_pending), read_at


def _about_context(thread) -> dict:
    # Not through `thread.about`, which would keep the object on the thread (shared when the thread is
    # remembered) and show an old label after the meeting or the document changed.
    about = None
    if thread.about_type_id:
        model = ContentType.objects.get_for_id(thread.about_type_id).model_class()
        about = model._default_manager.filter(pk=thread.about_id).first() if model else None
    if about is None:
        return {"about": None}
    return {"about": about, "about_url": about_url(about), "about_label": about_label(about)}


@require_safe
def post_permalink(request, pk):
    """A post's permanent address: the right page of its thread, scrolled to the post."""
    post = get_post_for_user(request, pk)
    if post.is_pending:
        return redirect(post.thread)
    before = post.thread.posts.published().filter(
        Q(created_at__lt=post.created_at) | Q(created_at=post.created_at, pk__lt=post.pk)).count()
    page = before // POSTS_PER_PAGE + 1
    url = post.thread.get_absolute_url() + (f"?page={page}" if page > 1 else "")
    return redirect(f"{url}#post-{post.pk}")


@require_safe
def post_history(request, pk):
    """The earlier texts of an edited post (moderators see hidden posts' history too)."""
    post = get_post_for_user(request, pk)
    removed = post.is_hidden or post.is_deleted
    if removed and not permissions.can_moderate(request.user, post.thread.category):
        raise Http404
    return render(request, "discussions/post_history.html", {
        "post": post, "thread": post.thread, "revisions": list(post.revisions.select_related("author"))})


# --- Writing --------------------------------------------------------------------------------------


def _publish(request, thread, body, *, quoted=None, new_thread=False) -> Post:
    """Add the post; watch the thread if the person wants that; tell the watchers after commit."""
    user = request.user
    pending = permissions.needs_premoderation(user)
    with transaction.atomic():
        post = thread.add_post(author=user, body=body, quoted=quoted, pending=pending)
        if ForumProfile.for_user(user).auto_watch:
            Watch.objects.get_or_create(user=user, thread=thread)
    if not pending:  # a waiting post is shown to its author on the thread, under one notice there
        transaction.on_commit(lambda: emails.queue_post_notifications(post))
        if not new_thread:
            messages.success(request, _("Your post is published."))
    return post


@require_http_methods(["GET", "POST"])
def thread_create(request, slug):
    """Start a thread in a category; `?about=coalitions.meeting:12` ties it to a coalition object."""
    category = get_category_for_user(request, slug)
    if not permissions.can_post(request.user, category):
        return cannot_post(request, category)
    about = about_from_param(request.GET.get("about") or request.POST.get("about"), request.user)
    if about is not None and about.coalition.pk != category.coalition_id:
        about = None  # a discussion about a coalition's work belongs to its board
    form = ThreadForm(request.POST or None, link_limit=permissions.link_limit(request.user),
                      initial={"title": about_label(about.obj) if about else ""},
                      with_service_type=category.coalition_id is None)
    if request.method == "POST" and form.is_valid():
        if form.is_spam():
            return redirect(category)
        if rate_limited(request, "thread"):
            return too_fast(request, category)
        with transaction.atomic():
            thread = Thread.objects.create(category=category, title=form.cleaned_data["title"],
                                           author=request.user, about=about.obj if about else None,
                                           service_type=form.cleaned_data.get("service_type"))
            _publish(request, thread, form.cleaned_data["body"], new_thread=True)
        messages.success(request, _("The thread is started."))
        return redirect(thread)
    return render(request, "discussions/thread_form.html", {
        "category": category, "form": form, "about": about,
        "about_param": about_param(about.obj) if about else "",
        "about_label": about_label(about.obj) if about else "",
    })


@require_http_methods(["GET", "POST"])
def reply(request, pk):
    """Reply to a thread; `?quote=<post>` starts the text with that post quoted and linked."""
    thread = get_thread_for_user(request, pk)
    if not permissions.can_reply(request.user, thread):
        return cannot_post(request, thread.category, thread=thread)
    quoted = None
    quote_pk = request.GET.get("quote") or request.POST.get("quote")
    if quote_pk and str(quote_pk).isdigit():
        quotable = thread.posts.published().filter(is_hidden=False, is_deleted=False)
        quoted = quotable.filter(pk=quote_pk).select_related("author").first()
    initial = {"quote": quoted.pk if quoted else None, "body": quote_markdown(quoted) if quoted else ""}
    form = ReplyForm(request.POST or None, initial=initial, link_limit=permissions.link_limit(request.user))
    if request.method == "POST" and form.is_valid():
        if form.is_spam():
            return redirect(thread)
        if rate_limited(request, "post"):
            return too_fast(request, thread.category, thread)
        post = _publish(request, thread, form.cleaned_data["body"], quoted=quoted)
        return redirect(post if not post.is_pending else thread)
    return render(request, "discussions/reply_form.html", {"thread": thread, "category": thread.category,
                                                           "form": form, "quoted": quoted})


def quote_markdown(post) -> str:
    """The quoted post as a markdown blockquote, with the author and a link back to the post."""
    name = post.author.public_name if post.author else _("a former member")
    header = _("%(name)s [wrote](%(url)s):") % {"name": name, "url": post.get_absolute_url()}
    lines = [header, ""] + post.body.strip().splitlines()
    return "\n".join(f"> {line}".rstrip() for line in lines) + "\n\n"


@require_http_methods(["GET", "POST"])
@login_required
def post_edit(request, pk):
    """Authors within the edit window; moderators always, with a reason (kept in the history and log)."""
    post = get_post_for_user(request, pk)
    if not permissions.can_edit_post(request.user, post):
        raise PermissionDenied
    as_moderator = post.author_id != request.user.pk
    form = EditForm(request.POST or None, initial={"body": post.body}, reason_required=as_moderator,
                    link_limit=permissions.link_limit(request.user) if not as_moderator else None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        with transaction.atomic():
            post.edit(body=form.cleaned_data["body"], by=request.user, reason=reason)
            if as_moderator:
                from discussions import moderation
                from discussions.models import ModerationAction

                moderation.log(post, by=request.user, action=ModerationAction.Action.EDIT, reason=reason)
        messages.success(request, _("The post is changed."))
        return redirect(post)
    return render(request, "discussions/post_edit.html", {"post": post, "thread": post.thread, "form": form,
                                                          "as_moderator": as_moderator})


@require_POST
@login_required
def post_delete(request, pk):
    """The author withdraws a post; a placeholder stays."""
    post = get_post_for_user(request, pk)
    if not permissions.can_delete_post(request.user, post):
        raise PermissionDenied
    post.delete_by_author()
    messages.success(request, _("Your post is deleted."))
    return redirect(post)


# --- Watching, unread, rules, settings ------------------------------------------------------------


@require_POST
@login_required
def thread_watch(request, pk):
    thread = get_thread_for_user(request, pk)
    watch = Watch.objects.filter(user=request.user, thread=thread)
    if watch.exists():
        watch.delete()
        messages.success(request, _("You no longer watch this thread."))
    else:
        Watch.objects.create(user=request.user, thread=thread)
        messages.success(request, _("You watch this thread: new posts come by e-mail."))
    return redirect(thread)


@require_POST
@login_required
def category_watch(request, slug):
    category = get_category_for_user(request, slug)
    watch = Watch.objects.filter(user=request.user, category=category)
    if watch.exists():
        watch.delete()
        messages.success(request, _("You no longer watch this category."))
    else:
        Watch.objects.create(user=request.user, category=category)
        messages.success(request, _("You watch this category: new posts in all its threads come by e-mail."))
    return redirect(category)


@require_safe
@login_required
def unread(request):
    """Threads with posts the person has not seen yet."""
    threads = (Thread.objects.unread_by(request.user)
               .select_related("category", "author", "last_post__author")
               .annotate(is_unread=Value(True))
               .order_by("-last_post_at", "-pk"))
    _page, page_context = paginate(request, threads, per_page=THREADS_PER_PAGE)
    return render(request, "discussions/unread.html", {**page_context})


def _safe_next(request, fallback: str) -> str:
    return safe_next(request, request.POST.get("next") or request.GET.get("next"), fallback)


@require_http_methods(["GET", "POST"])
def rules(request):
    """The forum's rules; logged-in people accept them once before their first post."""
    accepted = request.user.is_authenticated and permissions.has_accepted_rules(request.user)
    if request.method == "POST":
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        ForumProfile.for_user(request.user).accept_rules()
        messages.success(request, _("Thank you. You can write in the forum now."))
        return redirect(_safe_next(request, reverse("discussions:index")))
    return render(request, "discussions/rules.html", {"accepted": accepted,
                                                      "next": _safe_next(request, "")})


@require_http_methods(["GET", "POST"])
@login_required
def preferences(request):
    """Whether threads one starts or replies to are watched automatically."""
    profile = ForumProfile.for_user(request.user)
    if request.method == "POST":
        profile.auto_watch = request.POST.get("auto_watch") == "on"
        profile.save(update_fields=["auto_watch"])
        messages.success(request, _("Your forum settings are saved."))
        return redirect("discussions:preferences")
    watches = list(Watch.objects.filter(user=request.user).select_related("thread", "category")
                   .order_by("-created_at")[:200])
    return render(request, "discussions/preferences.html", {"profile": profile, "watches": watches})


@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """Stop mails about one thread (and its category) from the link in the mail, without logging in.
    GET only asks: link scanners must not unsubscribe anyone."""
    value = emails.read_unsubscribe_token(token)
    thread = Thread.objects.select_related("category").filter(pk=value[1]).first() if value else None
    if thread is None:
        return render(request, "discussions/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        Watch.objects.filter(Q(thread=thread) | Q(category=thread.category), user_id=value[0]).delete()
        from discussions.models import ThreadNotification

        ThreadNotification.objects.filter(user_id=value[0], thread=thread).update(pending=False)
        messages.success(request, _("You will no longer receive e-mails about this thread."))
        return redirect(request.path)
    watching = Watch.objects.filter(Q(thread=thread) | Q(category=thread.category), user_id=value[0]).exists()
    return render(request, "discussions/unsubscribe.html", {"thread": thread, "watching": watching})


# --- Search ---------------------------------------------------------------------------------------


@require_safe
def search(request):
    """Titles and posts, ignoring diacritics and case; by category and date. Bad input: form errors."""
    filterset = ForumSearchFilter(request.GET or None, queryset=Thread.objects.visible_to(request.user),
                                  request=request)
    form = filterset.form
    results, page_context, searched = None, {}, False
    if filterset.searched:
        searched = True
        threads = filterset.qs.select_related("category", "author", "last_post__author")
        page, page_context = paginate(request, threads, per_page=THREADS_PER_PAGE)
        results = page
    return render(request, "discussions/search.html", {"form": form, "results": results, "searched": searched,
                                                       **page_context}, status=400 if form.errors else 200)


def about_redirect(request, label, pk):
    """The "Discuss" action of a meeting, agenda item, minutes or output: its thread, or a new one."""
    about = about_from_param(f"{label}:{pk}", request.user)
    if about is None:
        raise Http404
    content_type = ContentType.objects.get_for_model(about.obj)
    thread = (Thread.objects.visible_to(request.user).filter(about_type=content_type, about_id=about.obj.pk)
              .order_by("created_at").first())
    if thread is not None:
        return redirect(thread)
    board = Category.objects.board_for(about.coalition)
    create_url = reverse("discussions:thread-create", args=[board.slug])
    return redirect(f"{create_url}?about={about_param(about.obj)}")


@require_safe
def coalition_board(request, slug):
    """A coalition's board (created the first time someone opens it); members-only boards stay 404 for
    outsiders."""
    from coalitions.models import Coalition

    coalition = get_object_or_404(Coalition, slug=slug)
    if not permissions.can_read_category(request.user, Category(coalition=coalition)):
        raise Http404
    return redirect(Category.objects.board_for(coalition))
