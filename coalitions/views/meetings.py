"""A meeting: its page (agenda with the review of open tasks, registration, attendance, minutes, decisions
and tasks, photos, documents), the coordinators' forms (meeting and agenda, publishing, attendance), and
the e-mail preferences page that the link in every coalition e-mail opens without logging in."""

import re
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from coalitions import emails, permissions, tokens
from coalitions.forms.meetings import AgendaFormSet, AttendanceForm, MeetingForm, RegistrationForm
from coalitions.models import AgendaItem, Coalition, Document, Meeting, Membership, Task
from core import pagecache
from core.markdown import render_markdown

# --- Access helpers -------------------------------------------------------------------------------


def get_meeting_for_user(request, slug: str, pk: int, queryset=None) -> Meeting:
    """The meeting of that coalition, or 404 when it is not there or the person may not see it."""
    queryset = queryset if queryset is not None else Meeting.objects.select_related("coalition", "obec")
    meeting = get_object_or_404(queryset, pk=pk, coalition__slug=slug)
    if not permissions.can_see_meeting(request.user, meeting):
        raise Http404  # An unpublished meeting does not exist for outsiders.
    return meeting


def get_meeting_to_manage(request, slug: str, pk: int, queryset=None) -> Meeting:
    """As get_meeting_for_user, then 403 for anyone who may see it but not manage it."""
    meeting = get_meeting_for_user(request, slug, pk, queryset)
    if not permissions.can_manage(request.user, meeting.coalition):
        raise PermissionDenied
    return meeting


# --- The meeting page -----------------------------------------------------------------------------


@dataclass
class TriadGroup:
    label: str
    organisations: list[str] = field(default_factory=list)


@dataclass
class Attendee:
    person: object
    organisation: str


@dataclass
class Attendance:
    """Who came (Registration.attended) and which organisations they represent, by side of the triad."""

    people: list[Attendee]
    groups: list[TriadGroup]
    without_organisation: int

    @property
    def count(self) -> int:
        return len(self.people)


def meeting_attendance(meeting) -> Attendance:
    """Two queries whatever the size: the attendees, and their memberships in the meeting's coalition."""
    registrations = list(meeting.registrations.filter(attended=True).select_related("person"))
    memberships = {}
    attendees = Membership.objects.filter(coalition_id=meeting.coalition_id,
                                          person__registrations__meeting=meeting,
                                          person__registrations__attended=True)
    # A current membership wins over ended ones: it comes last and overwrites them.
    latest_last = F("left_on").asc(nulls_last=True)
    for membership in attendees.select_related("provider", "obec").order_by(latest_last):
        memberships[membership.person_id] = membership
    people, by_side, without = [], defaultdict(set), 0
    for registration in registrations:
        membership = memberships.get(registration.person_id)
        people.append(Attendee(registration.person, membership.organisation if membership else ""))
        if membership is None:
            without += 1
        else:
            by_side[membership.triad_side].add(membership.organisation)
    people.sort(key=lambda a: (a.organisation.casefold(), a.person.public_name.casefold()))
    groups = [TriadGroup(str(label), sorted(by_side[side], key=str.casefold))
              for side, label in Membership.TriadSide.choices if by_side[side]]
    return Attendance(people, groups, without)


HEADING_TAG = re.compile(r"<(/?)h([2-4])>")


def minutes_html(minutes) -> SafeString:
    """The minutes' markdown, sanitised; their headings start at h3 because they sit under "Minutes" (h2)."""
    html = render_markdown(minutes.text)
    # Only renames the bare heading tags of the sanitised output; text "<h2>" would be escaped by now.
    return mark_safe(HEADING_TAG.sub(lambda m: f"<{m[1]}h{int(m[2]) + 1}>", html))


def tasks_for_review(meeting):
    """Open tasks of the coalition from earlier meetings: the agenda's "review of tasks" block."""
    return (Task.objects.open().filter(coalition_id=meeting.coalition_id, meeting__starts_at__lt=meeting.starts_at)
            .select_related("owner", "meeting__coalition").order_by("deadline", "pk"))


@pagecache.cache_public_page("coalitions", "calendar", "people", "providers")
@require_safe
def meeting_detail(request, slug, pk):
    """Everything about one meeting, for the public, members and coordinators alike."""
    meetings = Meeting.objects.select_related("coalition", "obec__okres", "minutes__approved_by")
    meeting = get_meeting_for_user(request, slug, pk, meetings)
    user, coalition = request.user, meeting.coalition
    can_manage = permissions.can_manage(user, coalition)
    internal = permissions.can_see_internal(user, coalition)
    minutes = getattr(meeting, "minutes", None)

    documents = (Document.objects.filter(permissions.visible_documents_q(user)).distinct()
                 .order_by("title", "pk"))
    agenda = list(meeting.agenda.prefetch_related(Prefetch("materials", queryset=documents)))
    review = list(tasks_for_review(meeting)) if internal else []
    review_item = next((item for item in agenda if item.kind == AgendaItem.Kind.TASK_REVIEW), None)

    seats = meeting.seat_counts()
    registration = meeting.registrations.filter(person=user).first() if user.is_authenticated else None
    tasks = list(meeting.tasks.select_related("owner")) if internal else []
    show_minutes_text = minutes is not None and permissions.can_see_minutes(user, minutes)

    return render(request, "coalitions/meeting_detail.html", {
        "meeting": meeting,
        "coalition": coalition,
        "agenda": agenda,
        "review": review,
        "review_item": review_item,
        "seats": seats,
        "is_full": meeting.is_full(seats_taken=seats["registered"]),
        "registration": registration,
        "waiting_position": registration.waiting_position() if registration else None,
        "attendance": meeting_attendance(meeting) if internal else None,
        "minutes": minutes,
        "minutes_html": minutes_html(minutes) if show_minutes_text else "",
        "decisions": [t for t in tasks if t.kind == Task.Kind.DECISION],
        "tasks": [t for t in tasks if t.kind == Task.Kind.TASK],
        "photos": list(meeting.photos.all()) if internal else [],
        "documents": list(documents.filter(meeting=meeting, agenda_item__isnull=True)),
        "previous_meeting": meeting.previous_meeting(),
        "next_meeting": meeting.next_meeting(),
        "can_manage": can_manage,
        "can_read_board": internal,  # the coalition's board is readable by the same people
        "can_discuss": can_manage or permissions.can_discuss(user, coalition),
        "can_register": permissions.can_register(user, meeting),
    })


# --- Registration ---------------------------------------------------------------------------------


@require_POST
@login_required
def meeting_register(request, slug, pk):
    """Register, apologise or cancel. Pressing a button twice changes nothing the second time."""
    meeting = get_meeting_for_user(request, slug, pk)
    if not permissions.can_register(request.user, meeting):
        raise PermissionDenied
    form = RegistrationForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose register, apologise or cancel."))
        return redirect(meeting)
    person, action = request.user, form.cleaned_data["action"]

    if action == RegistrationForm.REGISTER:
        registration = meeting.register(person)
        if registration.newly_signed_up:  # a repeated click mails nobody again
            emails.queue_registration_notice(registration)
        if registration.is_waiting:
            messages.warning(request, _("The meeting is full. You are on the waiting list; we will e-mail "
                                        "you if a seat becomes free."))
        else:
            messages.success(request, _("You are registered. The confirmation is on its way to your e-mail."))
        return redirect(meeting)

    # Cancelling a seat hands it to the first person waiting: tell them.
    promoted = meeting.cancel_registration(person, apologise=action == RegistrationForm.APOLOGISE)
    if promoted is not None:
        emails.queue_registration_notice(promoted, promoted=True)
    if action == RegistrationForm.APOLOGISE:
        messages.success(request, _("Your apology is recorded."))
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect(meeting)


# --- Coordinators: meeting and agenda, publishing, attendance -------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def meeting_create(request, slug):
    """A new meeting (unpublished until a coordinator publishes it) with its agenda."""
    coalition = get_object_or_404(Coalition, slug=slug)
    if not permissions.can_manage(request.user, coalition):
        raise PermissionDenied
    return _meeting_form(request, coalition, Meeting(coalition=coalition))


@login_required
@require_http_methods(["GET", "POST"])
def meeting_edit(request, slug, pk):
    """Edit a meeting and its agenda; cancelling is a status with a reason."""
    meeting = get_meeting_to_manage(request, slug, pk)
    return _meeting_form(request, meeting.coalition, meeting)


def _meeting_form(request, coalition, meeting):
    data = request.POST if request.method == "POST" else None
    form = MeetingForm(data, instance=meeting, coalition=coalition)
    agenda = AgendaFormSet(data, instance=meeting, prefix="agenda")
    if data is not None and form.is_valid() and agenda.is_valid():
        with transaction.atomic():
            meeting = form.save()
            agenda.instance = meeting
            agenda.save()
        messages.success(request, _("The meeting is saved."))
        return redirect(meeting)
    return render(request, "coalitions/meeting_form.html", {
        "coalition": coalition, "meeting": meeting, "form": form, "agenda": agenda,
        "is_new": meeting.pk is None,
    })


@require_POST
@login_required
def meeting_publish(request, slug, pk):
    """Publish the meeting and invite the members by e-mail; invitations go out once, ever."""
    meeting = get_meeting_to_manage(request, slug, pk)
    with transaction.atomic():
        if not meeting.published:
            meeting.published = True
            meeting.save(update_fields=["published"])
        # A cancelled or past meeting is published for the record, not to invite anybody.
        invited = (meeting.is_planned and meeting.starts_at > timezone.now()
                   and emails.queue_invitations(meeting))
    if invited:
        messages.success(request, _("The meeting is published and the members are being invited by e-mail."))
    else:
        messages.info(request, _("The meeting is published. No invitations were sent (they went out "
                                 "before, or the meeting is not ahead)."))
    return redirect(meeting)


@dataclass
class AttendanceRow:
    person: object
    organisation: str
    status: str
    attended: bool | None

    @property
    def label(self) -> str:
        details = ", ".join(part for part in (self.organisation, self.status) if part)
        return f"{self.person.public_name} ({details})" if details else self.person.public_name


def _attendance_rows(meeting) -> list[AttendanceRow]:
    """Everyone who registered or is waiting, plus every current member, each once."""
    registrations = {r.person_id: r for r in meeting.registrations.select_related("person")}
    members = {m.person_id: m for m in Membership.objects.current().filter(coalition_id=meeting.coalition_id)
               .select_related("person", "provider", "obec")}
    rows = []
    for person_id in members.keys() | registrations.keys():
        registration, membership = registrations.get(person_id), members.get(person_id)
        if membership is None and not registration.is_signed_up and not registration.attended:
            continue  # a non-member who cancelled or apologised: not expected, not listed
        person = membership.person if membership else registration.person
        rows.append(AttendanceRow(person, membership.organisation if membership else "",
                                  registration.get_status_display() if registration else "",
                                  registration.attended if registration else None))
    rows.sort(key=lambda row: (row.person.public_name.casefold(), row.person.pk))
    return rows


@pagecache.invalidates("coalitions")  # writes registrations in bulk, which sends no signals
@login_required
@require_http_methods(["GET", "POST"])
def attendance(request, slug, pk):
    """Tick who came; the meeting page counts them and lists their organisations."""
    meeting = get_meeting_to_manage(request, slug, pk)
    rows = _attendance_rows(meeting)
    form = AttendanceForm(request.POST if request.method == "POST" else None, people=rows,
                          initial={"present": [row.person.pk for row in rows if row.attended]})
    if form.is_valid():
        _save_attendance(meeting, rows, set(form.cleaned_data["present"]))
        messages.success(request, _("The attendance is saved."))
        return redirect(meeting)
    return render(request, "coalitions/meeting_attendance.html", {
        "meeting": meeting, "coalition": meeting.coalition, "form": form, "rows": rows,
    })


def _save_attendance(meeting, rows: list[AttendanceRow], present: set[int]) -> None:
    # Members who came without registering get a registration, so they count as attendees.
    meeting.record_attendance(present, {row.person.pk for row in rows})


# --- E-mail preferences (the link in every coalition e-mail) --------------------------------------


@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """Stop (or resume) a coalition's e-mails. GET only asks: link scanners must not unsubscribe anyone."""
    membership_pk = tokens.membership_pk_from_token(token)
    membership = (Membership.objects.select_related("coalition").filter(pk=membership_pk).first()
                  if membership_pk is not None else None)
    if membership is None:
        return render(request, "coalitions/unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        wanted = request.POST.get("action") == "subscribe"
        if membership.email_notifications != wanted:
            membership.email_notifications = wanted
            membership.save(update_fields=["email_notifications"])
        if wanted:
            messages.success(request, _("You will receive this coalition's e-mails again."))
        else:
            messages.success(request, _("You will no longer receive this coalition's e-mails."))
        return redirect(request.path)
    return render(request, "coalitions/unsubscribe.html", {"membership": membership,
                                                           "coalition": membership.coalition})
