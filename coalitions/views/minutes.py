"""Minutes of a meeting: the coordinators' editor, the draft → for comments → approved workflow, every
version with a readable diff, and the decisions and tasks recorded with the minutes."""

import difflib
import re
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from coalitions import permissions
from coalitions.forms.minutes import MinutesForm, MinutesStatusForm, TaskForm, TaskStatusForm
from coalitions.models import Meeting, Membership, Minutes, MinutesTransitionError, Task
from coalitions.views.meetings import (
    get_meeting_to_manage,
    meeting_attendance,
    minutes_html,
    tasks_for_review,
)
from core.redirects import safe_next


def _minutes_url(meeting) -> str:
    return reverse("coalitions:minutes-edit", args=[meeting.coalition.slug, meeting.pk])


def _meeting_with_minutes(request, slug, pk) -> Meeting:
    return get_meeting_to_manage(request, slug, pk, Meeting.objects.select_related(
        "coalition", "obec", "minutes__approved_by", "minutes__updated_by"))


# --- Editor ---------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def minutes_edit(request, slug, pk):
    """Write the minutes (markdown). Approved minutes are frozen: they are shown, not offered for editing."""
    meeting = _meeting_with_minutes(request, slug, pk)
    minutes = getattr(meeting, "minutes", None)
    if minutes is not None and minutes.is_frozen:
        if request.method == "POST":
            messages.error(request, _("The minutes are approved and can no longer be changed."))
            return redirect(_minutes_url(meeting))
        return _render_minutes_page(request, meeting, minutes, form=None)

    initial = {"text": _skeleton(meeting)} if minutes is None else None
    form = MinutesForm(request.POST if request.method == "POST" else None, instance=minutes, initial=initial)
    if form.is_valid():
        if _save_text(meeting, form.cleaned_data["text"], by=request.user):
            messages.success(request, _("The minutes are saved."))
        else:
            messages.error(request, _("The minutes were approved in the meantime and can no longer be "
                                      "changed."))
        return redirect(_minutes_url(meeting))
    return _render_minutes_page(request, meeting, minutes, form=form)


def _save_text(meeting, text: str, *, by) -> bool:
    """Save a new version of the text unless the minutes are approved; False when they are.

    The meeting row is locked first, so two first saves (a double click) cannot both create minutes, and an
    approval that lands between loading the form and saving it is respected."""
    with transaction.atomic():
        Meeting.objects.select_for_update().only("pk").get(pk=meeting.pk)
        minutes = Minutes.objects.filter(meeting=meeting).first() or Minutes(meeting=meeting)
        if minutes.is_frozen:
            return False
        minutes.text, minutes.updated_by = text, by
        minutes.save()  # a new historical version, authored by request.user (HistoryRequestMiddleware)
    return True


def _skeleton(meeting) -> str:
    """New minutes start with the agenda's headings."""
    return "".join(f"## {item.title}\n\n\n" for item in meeting.agenda.all())


def _render_minutes_page(request, meeting, minutes, *, form, task_form=None, reopen_form=None, status=200):
    coalition = meeting.coalition
    next_status = minutes.next_status if minutes is not None else None
    organisations = sorted({m.organisation for m in Membership.objects.current().filter(
        coalition=coalition).select_related("provider", "obec")}, key=str.casefold)
    tasks = list(meeting.tasks.select_related("owner"))
    return render(request, "coalitions/minutes_edit.html", {
        "meeting": meeting,
        "coalition": coalition,
        "minutes": minutes,
        "minutes_html": minutes_html(minutes) if minutes is not None else "",
        "form": form,
        "next_status": next_status,
        "next_status_label": {Minutes.Status.COMMENTS: _("Send for comments"),
                              Minutes.Status.APPROVED: _("Approve the minutes")}.get(next_status),
        "attendance": meeting_attendance(meeting),
        "tasks": tasks,
        "review": list(tasks_for_review(meeting)),
        "task_form": task_form or TaskForm(coalition=coalition, prefix="task"),
        "organisations": organisations,
        "task_statuses": Task.Status.choices,
        "reopen_form": (reopen_form or MinutesStatusForm(initial={"status": Minutes.Status.DRAFT}))
        if minutes is not None and minutes.is_approved else None,
    }, status=status)


# --- Status ---------------------------------------------------------------------------------------


@require_POST
@login_required
def minutes_status(request, slug, pk):
    """Draft → for comments → approved (each step tells the members by e-mail), or approved → reopened as a
    draft with a reason. The steps and their rules are the model's (Minutes.send_for_comments/approve/reopen);
    a step that is not possible (any more) is a message, never an error page."""
    meeting = _meeting_with_minutes(request, slug, pk)
    minutes = getattr(meeting, "minutes", None)
    if minutes is None:
        raise Http404
    form = MinutesStatusForm(request.POST)
    if not form.is_valid():
        if "reason" in form.errors and minutes.is_approved:  # show the reason's error
            return _render_minutes_page(request, meeting, minutes, form=None, reopen_form=form, status=400)
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
        return redirect(_minutes_url(meeting))
    status = form.cleaned_data["status"]
    try:
        if status == Minutes.Status.COMMENTS:
            minutes.send_for_comments(request.user)
            messages.success(request, _("The minutes are sent to the members for comments."))
        elif status == Minutes.Status.APPROVED:
            minutes.approve(request.user)
            messages.success(request, _("The minutes are approved; the text can no longer be changed."))
        else:
            minutes.reopen(request.user, form.cleaned_data["reason"])
            messages.success(request, _("The minutes are reopened as a draft; the reason is kept in the "
                                        "history."))
    except MinutesTransitionError as error:
        messages.error(request, error.message)
    return redirect(_minutes_url(meeting))


# --- History --------------------------------------------------------------------------------------


@dataclass
class DiffLine:
    """One line of a diff: "context", "removed", "added", "changed" (with word-level parts) or a "gap"."""

    kind: str
    text: str = ""
    parts: list[tuple[str, str]] = field(default_factory=list)


TOKENS = re.compile(r"\s+|[^\s]+")


def _word_parts(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level changes of one edited line: ("same" | "removed" | "added", text) pieces in order."""
    a, b = TOKENS.findall(old), TOKENS.findall(new)
    parts = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            parts.append(("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(("removed", "".join(a[i1:i2])))
        if j2 > j1:
            parts.append(("added", "".join(b[j1:j2])))
    return parts


def text_diff(old: str, new: str, *, context: int = 1) -> list[DiffLine]:
    """The changed lines between two texts, with a line of context around each change."""
    if old == new:
        return []
    a, b = old.splitlines(), new.splitlines()
    lines = []
    groups = difflib.SequenceMatcher(None, a, b, autojunk=False).get_grouped_opcodes(context)
    for number, group in enumerate(groups):
        if number:
            lines.append(DiffLine("gap"))
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines += [DiffLine("context", line) for line in a[i1:i2]]
            elif tag == "replace" and i2 - i1 == j2 - j1:  # edited lines: show the words that changed
                lines += [DiffLine("changed", parts=_word_parts(x, y)) for x, y in zip(a[i1:i2], b[j1:j2])]
            else:
                lines += [DiffLine("removed", line) for line in a[i1:i2]]
                lines += [DiffLine("added", line) for line in b[j1:j2]]
    return lines


@dataclass
class Version:
    number: int
    record: object
    diff: list[DiffLine]
    status_changed: bool
    first: bool

    @property
    def status_label(self) -> str:
        return Minutes.Status(self.record.status).label


@login_required
@require_safe
def minutes_history(request, slug, pk):
    """Every saved version of the minutes, who saved it and when, and what changed against the one before."""
    meeting = _meeting_with_minutes(request, slug, pk)
    minutes = getattr(meeting, "minutes", None)
    if minutes is None:
        raise Http404
    records = list(minutes.history.select_related("history_user").order_by("history_date", "history_id"))
    versions, previous = [], None
    for number, record in enumerate(records, start=1):
        versions.append(Version(number=number, record=record, first=previous is None,
                                diff=text_diff(previous.text, record.text) if previous else [],
                                status_changed=previous is not None and previous.status != record.status))
        previous = record
    versions.reverse()  # newest first
    return render(request, "coalitions/minutes_history.html", {
        "meeting": meeting, "coalition": meeting.coalition, "minutes": minutes, "versions": versions,
    })


# --- Decisions and tasks --------------------------------------------------------------------------


@require_POST
@login_required
def task_create(request, slug, pk):
    """Record a decision or a task of this meeting (from the minutes page)."""
    meeting = _meeting_with_minutes(request, slug, pk)
    form = TaskForm(request.POST, coalition=meeting.coalition, prefix="task")
    if not form.is_valid():
        minutes = getattr(meeting, "minutes", None)
        editable = minutes is None or not minutes.is_frozen
        initial = None if minutes else {"text": _skeleton(meeting)}
        minutes_form = MinutesForm(instance=minutes, initial=initial)
        return _render_minutes_page(request, meeting, minutes, form=minutes_form if editable else None,
                                    task_form=form, status=400)
    task = form.save(commit=False)
    task.coalition, task.meeting = meeting.coalition, meeting
    task.save()
    if task.kind == Task.Kind.DECISION:
        messages.success(request, _("The decision is recorded."))
    else:
        messages.success(request, _("The task is recorded."))
    return redirect(_minutes_url(meeting) + "#tasks-heading")


@require_POST
@login_required
def task_status(request, slug, pk):
    """Mark a task done or dropped (or open again); back to the page the button was on."""
    task = get_object_or_404(Task.objects.select_related("coalition", "meeting__coalition"), pk=pk,
                             coalition__slug=slug)
    if not permissions.can_manage(request.user, task.coalition):
        if permissions.can_see_internal(request.user, task.coalition):
            raise PermissionDenied
        raise Http404
    form = TaskStatusForm(request.POST)
    if form.is_valid():
        task.status = form.cleaned_data["status"]
        task.save(update_fields=["status"])
        messages.success(request, _("The task is now “%(status)s”.") % {"status": task.get_status_display()})
    else:
        messages.error(request, _("Choose open, done or dropped."))
    fallback = _minutes_url(task.meeting) if task.meeting else task.coalition.get_absolute_url()
    return redirect(safe_next(request, request.POST.get("next"), fallback))
