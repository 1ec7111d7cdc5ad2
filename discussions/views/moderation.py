"""Flagging (generic: any registered model) and the moderators' work: the queue, hiding posts, approving
first posts, locking, pinning and moving threads, suspending accounts. Every decision is a POST, logged."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from discussions import emails, moderation, permissions
from discussions.forms import FlagForm, MoveForm, ReasonForm, SuspendForm
from discussions.models import Category, Flag, ModerationAction, Post, Suspension, Thread
from discussions.views.forum import get_post_for_user, get_thread_for_user


def _moderated_post(request, pk) -> Post:
    post = get_post_for_user(request, pk)
    if not permissions.can_moderate(request.user, post.thread.category):
        raise PermissionDenied
    return post


def _moderated_thread(request, pk) -> Thread:
    thread = get_thread_for_user(request, pk)
    if not permissions.can_moderate(request.user, thread.category):
        raise PermissionDenied
    return thread


def _reason(request) -> str:
    form = ReasonForm(request.POST)
    return form.cleaned_data["reason"] if form.is_valid() else ""


# --- Flags ----------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def flag(request, label, pk):
    """Report a post (or any registered object) to the moderators."""
    model = moderation.model_for_label(label)
    if model is None:
        raise Http404
    obj = get_object_or_404(model._default_manager.all(), pk=pk)
    if isinstance(obj, Post):
        obj = get_post_for_user(request, pk)
    elif hasattr(obj, "can_be_read_by") and not obj.can_be_read_by(request.user):
        raise Http404
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _report, created = moderation.flag(obj, by=request.user, reason=form.cleaned_data["reason"],
                                           note=form.cleaned_data["note"])
        if created:
            messages.success(request, _("Thank you. The moderators will look at it."))
        else:
            messages.info(request, _("You have already reported this; the moderators will look at it."))
        return redirect(obj)
    return render(request, "discussions/flag_form.html", {"form": form, "object": obj,
                                                          "is_post": isinstance(obj, Post)})


@require_safe
@login_required
def queue(request):
    """Flagged objects and first posts waiting for approval, in what the person moderates."""
    if not permissions.can_see_queue(request.user):
        raise PermissionDenied
    groups = moderation.pending_flag_groups(request.user)
    pending = [post for post in Post.objects.pending().filter(is_hidden=False)
               .select_related("author", "thread__category__coalition").order_by("created_at", "pk")[:200]
               if permissions.can_moderate(request.user, post.thread.category)]
    log = list(ModerationAction.objects.select_related("actor", "content_type")[:30]) \
        if permissions.is_global_moderator(request.user) else []
    return render(request, "discussions/queue.html", {"groups": groups, "pending": pending, "log": log,
                                                      "can_suspend": permissions.can_suspend(request.user)})


@require_POST
@login_required
def flag_resolve(request, pk):
    report = get_object_or_404(Flag.objects.pending().select_related("content_type"), pk=pk)
    obj = report.content_object
    if obj is None or not moderation.can_moderate_object(request.user, obj):
        raise PermissionDenied
    accept = request.POST.get("decision") == "accept"
    moderation.resolve_flag(report, by=request.user, accept=accept, reason=_reason(request))
    messages.success(request, _("The object is hidden.") if accept else _("The report is dismissed."))
    return redirect("discussions:queue")


@require_POST
@login_required
def flag_bulk(request):
    """Accept or dismiss many reports at once (a spam wave): only those the person moderates."""
    accept = request.POST.get("decision") == "accept"
    pks = [int(pk) for pk in request.POST.getlist("flag") if pk.isdigit()]
    handled = 0
    for report in Flag.objects.pending().filter(pk__in=pks).select_related("content_type"):
        obj = report.content_object
        if obj is not None and moderation.can_moderate_object(request.user, obj):
            moderation.resolve_flag(report, by=request.user, accept=accept)
            handled += 1
    if handled:
        messages.success(request, ngettext("%(count)d report is handled.", "%(count)d reports are handled.",
                                           handled) % {"count": handled})
    else:
        messages.warning(request, _("Select the reports first."))
    return redirect("discussions:queue")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def silence_spammer(request, pk):
    """Hide everything a spammer wrote, accept the reports on it and suspend the account. It cannot be undone
    in one step, so it takes two: this page says what will happen, and only its confirmed form acts."""
    if not permissions.can_suspend(request.user):
        raise PermissionDenied
    person = get_object_or_404(get_user_model(), pk=pk)
    if person.pk == request.user.pk or permissions.is_global_moderator(person):
        raise PermissionDenied  # moderators are not silenced from the queue
    if request.method != "POST" or request.POST.get("confirm") != "yes":
        return render(request, "discussions/silence_spammer.html", {
            "person": person, "consequences": moderation.spammer_consequences(person),
            "reason": _reason(request)}, status=400 if request.method == "POST" else 200)
    hidden = moderation.silence_spammer(person, by=request.user, reason=_reason(request) or _("Spam"))
    messages.success(request, ngettext(
        "%(name)s is suspended; %(count)d post or offer is hidden.",
        "%(name)s is suspended; %(count)d posts or offers are hidden.", hidden) % {
            "name": person.public_name, "count": hidden})
    return redirect("discussions:queue")


# --- Posts ----------------------------------------------------------------------------------------


@require_POST
@login_required
def post_hide(request, pk):
    post = _moderated_post(request, pk)
    moderation.hide(post, by=request.user, reason=_reason(request))
    messages.success(request, _("The post is hidden."))
    return redirect(post)


@require_POST
@login_required
def post_unhide(request, pk):
    post = _moderated_post(request, pk)
    moderation.unhide(post, by=request.user, reason=_reason(request))
    messages.success(request, _("The post is visible again."))
    return redirect(post)


@require_POST
@login_required
def post_approve(request, pk):
    """A first post of a new account goes live (and its thread's watchers hear about it)."""
    post = _moderated_post(request, pk)
    if post.is_pending:
        with transaction.atomic():
            post.approve()
            moderation.log(post, by=request.user, action=ModerationAction.Action.APPROVE_PENDING)
        transaction.on_commit(lambda: emails.queue_post_notifications(post))
        messages.success(request, _("The post is published."))
    return redirect("discussions:queue")


@require_POST
@login_required
def post_reject(request, pk):
    """A first post that should never appear: it stays hidden (and out of the queue)."""
    post = _moderated_post(request, pk)
    if post.is_pending:
        moderation.hide(post, by=request.user, reason=_reason(request),
                        action=ModerationAction.Action.REJECT_PENDING)
        messages.success(request, _("The post is rejected."))
    return redirect("discussions:queue")


# --- Threads --------------------------------------------------------------------------------------

TOGGLES = {
    "lock": ("is_locked", True, ModerationAction.Action.LOCK),
    "unlock": ("is_locked", False, ModerationAction.Action.UNLOCK),
    "pin": ("is_pinned", True, ModerationAction.Action.PIN),
    "unpin": ("is_pinned", False, ModerationAction.Action.UNPIN),
    "hide": ("is_hidden", True, ModerationAction.Action.HIDE),
    "unhide": ("is_hidden", False, ModerationAction.Action.UNHIDE),
}


@require_POST
@login_required
def thread_moderate(request, pk, action):
    """Lock, unlock, pin, unpin, hide or show a thread."""
    if action not in TOGGLES:
        raise Http404
    thread = _moderated_thread(request, pk)
    field, value, logged = TOGGLES[action]
    with transaction.atomic():
        thread.set_flag(field, value)
        moderation.log(thread, by=request.user, action=logged, reason=_reason(request))
    what = ModerationAction.Action(logged).label
    messages.success(request, _("The thread is changed: %(what)s.") % {"what": what})
    return redirect(thread)


@require_http_methods(["GET", "POST"])
@login_required
def thread_move(request, pk):
    thread = _moderated_thread(request, pk)
    targets = (Category.objects.visible_to(request.user).exclude(pk=thread.category_id)
               .order_by("order", "name"))
    form = MoveForm(request.POST or None, categories=targets)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["category"]
        if not permissions.can_moderate(request.user, target):
            raise PermissionDenied
        with transaction.atomic():
            source = thread.category
            thread.move_to(target)
            moderation.log(thread, by=request.user, action=ModerationAction.Action.MOVE,
                           reason=f"{source} → {target}")
        messages.success(request, _("The thread is moved."))
        return redirect(thread)
    return render(request, "discussions/thread_move.html", {"thread": thread, "form": form})


# --- People ---------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@login_required
def suspend(request, pk):
    """Stop someone from posting for a number of days (global moderators and coordinators)."""
    if not permissions.can_suspend(request.user):
        raise PermissionDenied
    person = get_object_or_404(get_user_model(), pk=pk, is_active=True)
    form = SuspendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        until = timezone.now() + dt.timedelta(days=form.cleaned_data["days"])
        with transaction.atomic():
            Suspension.objects.create(user=person, until=until, reason=form.cleaned_data["reason"],
                                      by=request.user)
            moderation.log(person, by=request.user, action=ModerationAction.Action.SUSPEND,
                           reason=form.cleaned_data["reason"])
        messages.success(request, _("%(name)s cannot post until %(date)s.") % {
            "name": person.public_name, "date": date_format(timezone.localtime(until), "SHORT_DATETIME_FORMAT")})
        return redirect("discussions:queue")
    return render(request, "discussions/suspend.html", {"person": person, "form": form})
