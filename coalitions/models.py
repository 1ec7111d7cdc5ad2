"""Partnership coalitions, working groups and coordination groups: members, meetings with typed agendas,
registration and attendance, minutes with decisions and tasks, outputs and documents, photos, and the
portal-wide events calendar.

Registration, the waiting list and attendance are one implementation shared with the education terms:
`core.registrations` (`Seats` on `Meeting` and on the portal-wide `Event`, the abstract `SeatRegistration` under
`Registration` and `EventRegistration`)."""

import datetime as dt

from django.conf import settings
from django.db import models, transaction
from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.collation import CZECH
from core.registrations import SeatRegistration, Seats


class CoalitionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status=Coalition.Status.ACTIVE)

    def in_kraj(self, kraj):
        return self.filter(kraj=kraj)

    def for_listing(self):
        """With what a card of the list shows: kraj, ORPs, service types, current members, next meeting."""
        upcoming = (Meeting.objects.published().upcoming().filter(coalition=OuterRef("pk"))
                    .order_by("starts_at", "pk"))
        return (self.select_related("kraj").prefetch_related("orps", "service_types").with_member_count()
                .annotate(next_meeting_pk=Subquery(upcoming.values("pk")[:1]),
                          next_meeting_at=Subquery(upcoming.values("starts_at")[:1]))
                .order_by("name", "pk"))

    def with_member_count(self):
        return self.annotate(member_count=Count("memberships", filter=MembershipQuerySet.current_q("memberships__"),
                                                distinct=True))


class Coalition(models.Model):
    """A partnership coalition, working group, community-planning group or coordination group."""

    class Kind(models.TextChoices):
        PARTNERSHIP = "partnership", _("partnership coalition")
        WORKING_GROUP = "working", _("working group")
        PLANNING = "planning", _("community-planning group")
        COORDINATION = "coordination", _("coordination group")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("public")
        MEMBERS = "members", _("members only")

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        CLOSED = "closed", _("closed")

    name = models.CharField(_("name"), max_length=200, db_collation=CZECH)
    slug = models.SlugField(_("short name in URLs"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    service_types = models.ManyToManyField("services.ServiceType", blank=True, related_name="coalitions",
                                           verbose_name=_("related service types"))
    kraj = models.ForeignKey("territory.Kraj", on_delete=models.PROTECT, related_name="coalitions",
                             verbose_name=_("kraj"))
    orps = models.ManyToManyField("territory.Orp", blank=True, related_name="coalitions",
                                  verbose_name=_("ORPs"), help_text=_("Leave empty when it works for the whole kraj."))
    description = models.TextField(_("purpose and description"), help_text=_("Markdown."))
    visibility = models.CharField(_("internal material visible to"), max_length=10, choices=Visibility.choices,
                                  default=Visibility.PUBLIC,
                                  help_text=_("Minutes, documents and the board: the public, or members only."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CoalitionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("coalition")
        verbose_name_plural = _("coalitions")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    RESERVED_SLUGS = {"vystupy", "dokumenty", "fotografie", "moje-setkani", "rss", "upozorneni"}

    def get_absolute_url(self) -> str:
        return reverse("coalitions:detail", args=[self.slug])

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.slug in self.RESERVED_SLUGS:
            raise ValidationError({"slug": _("This short name is reserved by the portal; choose another one.")})

    @property
    def material_is_public(self) -> bool:
        return self.visibility == self.Visibility.PUBLIC

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED


class MembershipQuerySet(models.QuerySet):
    """The rules of who belongs to a coalition now, written once. A membership is current while it has no end
    date (`left_on`); its coordinators and chairs manage the coalition on the site.

    `current_q()` and `managing_q()` are the same rules as conditions, for lookups through a relation
    (`Q(coalition__memberships__person=user) & MembershipQuerySet.current_q("coalition__memberships__")`) and
    annotations, where a QuerySet method cannot be used."""

    @staticmethod
    def current_q(through: str = "") -> Q:
        return Q(**{f"{through}left_on__isnull": True})

    @staticmethod
    def managing_q(through: str = "") -> Q:
        return MembershipQuerySet.current_q(through) & Q(**{f"{through}role__in": Membership.MANAGING_ROLES})

    def current(self):
        return self.filter(self.current_q())

    def managing(self):
        """Current memberships of coordinators and chairs."""
        return self.filter(self.managing_q())


class Membership(models.Model):
    """A person in a coalition, representing an organisation on one side of the triad."""

    class TriadSide(models.TextChoices):
        PROVIDER = "provider", _("provider")
        COMMISSIONER = "commissioner", _("commissioner (municipality)")
        USER = "user", _("users or their representative")
        EXPERT = "expert", _("expert")

    class Role(models.TextChoices):
        CHAIR = "chair", _("chair")
        COORDINATOR = "coordinator", _("coordinator")
        MEMBER = "member", _("member")
        GUEST = "guest", _("guest")

    # The roles that manage the coalition on the site (coalitions.permissions.can_manage).
    MANAGING_ROLES = (Role.COORDINATOR, Role.CHAIR)

    class OrganisationKind(models.TextChoices):
        PROVIDER = "provider", _("provider from the registry")
        MUNICIPALITY = "municipality", _("municipality")
        NGO = "ngo", _("non-governmental organisation")
        INDEPENDENT = "independent", _("independent expert")

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="memberships",
                                  verbose_name=_("coalition"))
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships",
                               verbose_name=_("person"))
    organisation_kind = models.CharField(_("organisation kind"), max_length=20, choices=OrganisationKind.choices)
    provider = models.ForeignKey("services.Provider", on_delete=models.SET_NULL, null=True, blank=True,
                                 related_name="+", verbose_name=_("provider"))
    obec = models.ForeignKey("territory.Obec", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name=_("municipality"))
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True,
                                         help_text=_("Filled in automatically for a provider or municipality."))
    triad_side = models.CharField(_("side of the triad"), max_length=20, choices=TriadSide.choices)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    joined_on = models.DateField(_("member from"), default=timezone.localdate)
    left_on = models.DateField(_("member until"), null=True, blank=True)
    email_notifications = models.BooleanField(_("e-mail notifications"), default=True)

    objects = MembershipQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["triad_side", "organisation_name"]
        constraints = [models.UniqueConstraint(fields=["coalition", "person"], condition=MembershipQuerySet.current_q(),
                                               name="one_current_membership")]

    def __str__(self) -> str:
        return f"{self.person} – {self.coalition}"

    @property
    def organisation(self) -> str:
        if self.organisation_name:
            return self.organisation_name
        if self.provider_id:
            return self.provider.name
        if self.obec_id:
            return self.obec.name
        return str(self.get_organisation_kind_display())

    @property
    def is_current(self) -> bool:
        return self.left_on is None or self.left_on >= timezone.localdate()

    @property
    def is_managing(self) -> bool:
        """A coordinator or chair: manages the coalition on the site (see MembershipQuerySet.managing)."""
        return self.role in self.MANAGING_ROLES


class MeetingQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def upcoming(self):
        return self.filter(ends_at__gte=timezone.now()).exclude(status=Meeting.Status.CANCELLED)

    def past(self):
        return self.filter(ends_at__lt=timezone.now())


class Meeting(Seats, models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        HELD = "held", _("held")
        CANCELLED = "cancelled", _("cancelled")

    class PlaceKind(models.TextChoices):
        IN_PERSON = "in_person", _("in person")
        ONLINE = "online", _("online")
        HYBRID = "hybrid", _("hybrid")

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="meetings",
                                  verbose_name=_("coalition"))
    number = models.PositiveSmallIntegerField(_("number in the series"), null=True, blank=True)
    series_total = models.PositiveSmallIntegerField(_("meetings in the series"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place_kind = models.CharField(_("place"), max_length=10, choices=PlaceKind.choices, default=PlaceKind.IN_PERSON)
    address = models.CharField(_("address"), max_length=300, blank=True)
    obec = models.ForeignKey("territory.Obec", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name=_("municipality"))
    online_url = models.URLField(_("online meeting link"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    cancel_reason = models.CharField(_("reason of cancellation"), max_length=300, blank=True)
    registration_open = models.BooleanField(_("registration open"), default=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True,
                                           help_text=_("Leave empty for no limit; when full, people join a waiting list."))
    published = models.BooleanField(_("published"), default=False,
                                    help_text=_("Members are invited by e-mail when the meeting is published."))
    invitations_sent_at = models.DateTimeField(_("invitations sent at"), null=True, blank=True, editable=False)
    reminders_sent_at = models.DateTimeField(_("reminders sent at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = MeetingQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at"]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")),
                                              name="meeting_ends_after_start")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("coalitions:meeting", args=[self.coalition.slug, self.pk])

    # --- States the pages ask (instead of comparing the stored values) ----------------------------------

    @property
    def is_planned(self) -> bool:
        return self.status == self.Status.PLANNED

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_past(self) -> bool:
        """The meeting has ended (MeetingQuerySet.past is the same rule in SQL)."""
        return self.ends_at < timezone.now()

    @property
    def is_online(self) -> bool:
        """Online only, no place to come to."""
        return self.place_kind == self.PlaceKind.ONLINE

    @property
    def is_hybrid(self) -> bool:
        return self.place_kind == self.PlaceKind.HYBRID

    @property
    def has_place(self) -> bool:
        """People can come in person (in person or hybrid)."""
        return self.place_kind != self.PlaceKind.ONLINE

    @property
    def has_online_part(self) -> bool:
        """People can join online (online or hybrid)."""
        return self.place_kind != self.PlaceKind.IN_PERSON

    @property
    def series_label(self) -> str:
        if self.number and self.series_total:
            return _("meeting %(number)s of %(total)s") % {"number": self.number, "total": self.series_total}
        return ""

    def previous_meeting(self):
        return self.coalition.meetings.published().filter(starts_at__lt=self.starts_at).order_by("-starts_at").first()

    def next_meeting(self):
        return self.coalition.meetings.published().filter(starts_at__gt=self.starts_at).order_by("starts_at").first()

    # seat_counts(), is_full(), register(), cancel_registration(), record_attendance(): core.registrations.Seats


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        EDUCATIONAL = "educational", _("educational block")
        LECTURE = "lecture", _("lecture")
        CONSULTATION = "consultation", _("consultation")
        DISCUSSION = "discussion", _("discussion")
        DECISION = "decision", _("decision")
        INFORMATION = "information", _("information")
        TASK_REVIEW = "task_review", _("review of tasks")
        BREAK = "break", _("break")

    # A coffee break or the review of tasks has nothing to discuss on the board.
    NOT_DISCUSSED = {Kind.BREAK, Kind.TASK_REVIEW}

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda", verbose_name=_("meeting"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    speaker = models.CharField(_("lecturer or speaker"), max_length=200, blank=True)
    starts_at = models.TimeField(_("from"), null=True, blank=True)
    ends_at = models.TimeField(_("to"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["order", "starts_at", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_discussed(self) -> bool:
        """Whether the item gets a "Discuss this item" link (not a break, not the review of tasks)."""
        return self.kind not in self.NOT_DISCUSSED


class Registration(SeatRegistration):
    """A person's registration for a meeting: status, waiting list and attendance from core.registrations."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="registrations",
                                verbose_name=_("meeting"))
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations",
                               verbose_name=_("person"))

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [models.UniqueConstraint(fields=["meeting", "person"], name="one_registration_per_person")]

    def __str__(self) -> str:
        return f"{self.person} – {self.meeting}"


class MinutesTransitionError(Exception):
    """A status change of minutes that is not allowed (wrong step, missing reason, no permission), or a change
    of approved minutes. `message` is translated text for the person who tried it."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class MinutesQuerySet(models.QuerySet):
    def update(self, **kwargs):
        """The status (and who approved) changes only by Minutes.send_for_comments/approve/reopen, and the text
        of approved minutes never: a bulk update must not get around that."""
        if Minutes.TRANSITION_FIELDS & kwargs.keys():
            raise MinutesTransitionError(Minutes.STATUS_ONLY_BY_TRANSITIONS)
        if "text" in kwargs and self.filter(status=Minutes.Status.APPROVED).exists():
            raise MinutesTransitionError(Minutes.FROZEN)
        return super().update(**kwargs)


class Minutes(models.Model):
    """Minutes of a meeting; draft → for comments → approved (→ reopened as a draft, with a reason). Every
    version is kept (history).

    The status changes only through `send_for_comments()`, `approve()` and `reopen()`; `save()` refuses any
    other change of the status or of the text of approved minutes, whoever calls it (views, admin, revert of a
    version, imports)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        COMMENTS = "comments", _("for comments")
        APPROVED = "approved", _("approved")

    # The step each status may take forward (reopen goes back from approved to a draft).
    NEXT = {Status.DRAFT: Status.COMMENTS, Status.COMMENTS: Status.APPROVED}
    TRANSITION_FIELDS = frozenset({"status", "approved_by", "approved_by_id", "approved_at"})
    REASON_MAX_LENGTH = 500
    FROZEN = _("The minutes are approved and can no longer be changed.")
    STATUS_ONLY_BY_TRANSITIONS = _("The status of minutes changes only by sending them for comments, approving "
                                   "them or reopening them.")

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes",
                                   verbose_name=_("meeting"))
    text = models.TextField(_("text"), help_text=_("Markdown."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("approved by"))
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("last edited by"))
    updated_at = models.DateTimeField(_("last edited at"), auto_now=True)

    objects = MinutesQuerySet.as_manager()
    # The change reason holds why approved minutes were reopened (longer than simple-history's default 100).
    history = HistoricalRecords(history_change_reason_field=models.TextField(null=True))

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return str(self.meeting)

    # --- The workflow -------------------------------------------------------------------------------

    @property
    def next_status(self):
        return self.NEXT.get(self.status)

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_for_comments(self) -> bool:
        return self.status == self.Status.COMMENTS

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    @property
    def is_frozen(self) -> bool:
        """The text can no longer change (approved; reopening makes it a draft again)."""
        return self.is_approved

    def send_for_comments(self, by) -> "Minutes":
        """Draft → for comments; the members are told by e-mail (after commit)."""
        return self._move(self.Status.COMMENTS, by=by, sources={self.Status.DRAFT})

    def approve(self, by) -> "Minutes":
        """For comments → approved: freezes the text, records who approved it and tells the members."""
        return self._move(self.Status.APPROVED, by=by, sources={self.Status.COMMENTS})

    def reopen(self, by, reason: str) -> "Minutes":
        """Approved → draft again, to correct them; the reason and the person are kept in the history."""
        reason = (reason or "").strip()
        if not reason:
            raise MinutesTransitionError(_("Say why the approved minutes are reopened."))
        if len(reason) > self.REASON_MAX_LENGTH:
            raise MinutesTransitionError(_("Say why in at most %(limit)d characters.")
                                         % {"limit": self.REASON_MAX_LENGTH})
        return self._move(self.Status.DRAFT, by=by, sources={self.Status.APPROVED}, reason=reason)

    def _move(self, target, *, by, sources, reason=None) -> "Minutes":
        """One step of the workflow in one transaction, on the locked row: a second click, a second
        coordinator or a second app node finds the step done and gets a MinutesTransitionError."""
        from coalitions import emails, permissions

        if self.pk is None:
            raise MinutesTransitionError(_("Save the minutes first."))
        with transaction.atomic():
            locked = (Minutes.objects.select_for_update(of=("self",)).select_related("meeting__coalition")
                      .get(pk=self.pk))
            if by is None or not permissions.can_manage(by, locked.meeting.coalition):
                raise MinutesTransitionError(_("You may not change the status of these minutes."))
            if locked.status not in sources:
                raise MinutesTransitionError(
                    _("The minutes cannot go from “%(current)s” to “%(new)s”.") % {
                        "current": locked.get_status_display(), "new": self.Status(target).label})
            locked.status = target
            if target == self.Status.APPROVED:
                locked.approved_by, locked.approved_at = by, timezone.now()
            elif target == self.Status.DRAFT:
                locked.approved_by, locked.approved_at = None, None
            locked._history_user = by
            locked._change_reason = reason
            locked._in_transition = True
            try:
                locked.save(update_fields=["status", "approved_by", "approved_at"])
            finally:
                locked._in_transition = False
            if target in (self.Status.COMMENTS, self.Status.APPROVED):
                emails.queue_minutes_notice(locked)
        self.status, self.approved_by, self.approved_at = locked.status, locked.approved_by, locked.approved_at
        return self

    def save(self, *args, **kwargs):
        if self.pk is not None and not getattr(self, "_in_transition", False):
            self._refuse_frozen_changes(kwargs.get("update_fields"))
        super().save(*args, **kwargs)

    def _refuse_frozen_changes(self, update_fields) -> None:
        """Outside the workflow methods: no change of the status (or of who approved), and no change of the
        text of approved minutes. Compared with the stored row, so no caller can get around it."""
        stored = (Minutes.objects.filter(pk=self.pk).values("text", "status", "approved_by_id", "approved_at")
                  .first())
        if stored is None:
            return
        saved = None if update_fields is None else set(update_fields)

        def saving(name: str) -> bool:
            return saved is None or name in saved or name.removesuffix("_id") in saved

        for name in ("status", "approved_by_id", "approved_at"):
            if saving(name) and getattr(self, name) != stored[name]:
                raise MinutesTransitionError(self.STATUS_ONLY_BY_TRANSITIONS)
        if stored["status"] == self.Status.APPROVED and saving("text") and self.text != stored["text"]:
            raise MinutesTransitionError(self.FROZEN)


class TaskQuerySet(models.QuerySet):
    def open(self):
        """Tasks still to be done: reviewed at the next meeting, overdue after their deadline."""
        return self.filter(status=Task.Status.OPEN)

    def overdue(self):
        """Open tasks past their deadline (Task.is_overdue is the same rule for one task)."""
        return self.open().filter(deadline__lt=timezone.localdate())


class Task(models.Model):
    """A decision or a task recorded in the minutes; open tasks are reviewed at the next meeting."""

    class Kind(models.TextChoices):
        DECISION = "decision", _("decision")
        TASK = "task", _("task")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="tasks",
                                  verbose_name=_("coalition"))
    meeting = models.ForeignKey(Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="tasks",
                                verbose_name=_("meeting"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TASK)
    text = models.TextField(_("text"))
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("owner"))
    owner_organisation = models.CharField(_("responsible organisation"), max_length=200, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("decision or task")
        verbose_name_plural = _("decisions and tasks")
        ordering = ["deadline", "pk"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def is_decision(self) -> bool:
        return self.kind == self.Kind.DECISION

    @property
    def is_task(self) -> bool:
        return self.kind == self.Kind.TASK

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE

    @property
    def is_dropped(self) -> bool:
        return self.status == self.Status.DROPPED

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.deadline is not None and self.deadline < timezone.localdate()


def document_path(document, filename: str) -> str:
    return f"coalitions/{document.coalition_id}/{timezone.now():%Y}/{filename}"


class Document(models.Model):
    """An output (methodology, capacity analysis, good practice, project plan) or a meeting document."""

    class Kind(models.TextChoices):
        METHODOLOGY = "methodology", _("methodology")
        CAPACITY_ANALYSIS = "capacity_analysis", _("capacity analysis")
        GOOD_PRACTICE = "good_practice", _("good practice")
        PROJECT_PLAN = "project_plan", _("project plan")
        PRESENTATION = "presentation", _("presentation")
        INVITATION = "invitation", _("invitation")
        OTHER = "other", _("other")

    OUTPUT_KINDS = (Kind.METHODOLOGY, Kind.CAPACITY_ANALYSIS, Kind.GOOD_PRACTICE, Kind.PROJECT_PLAN)

    coalition = models.ForeignKey(Coalition, on_delete=models.CASCADE, related_name="documents",
                                  verbose_name=_("coalition"))
    meeting = models.ForeignKey(Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="documents",
                                verbose_name=_("meeting"))
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="materials", verbose_name=_("agenda item"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200, db_collation=CZECH)
    description = models.TextField(_("description"), blank=True)
    file = models.FileField(_("file"), upload_to=document_path)
    file_type = models.CharField(_("file type"), max_length=10, editable=False, blank=True)
    file_size = models.PositiveIntegerField(_("file size"), default=0, editable=False)
    version = models.CharField(_("version"), max_length=20, blank=True)
    public = models.BooleanField(_("public"), default=True, help_text=_("Unticked: coalition members only."))
    published_on = models.DateField(_("published on"), default=timezone.localdate)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("uploaded by"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document or output")
        verbose_name_plural = _("documents and outputs")
        ordering = ["-published_on", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_output(self) -> bool:
        return self.kind in self.OUTPUT_KINDS


def photo_path(photo, filename: str) -> str:
    return f"photos/{timezone.now():%Y/%m}/{filename}"


class Photo(models.Model):
    """A photo of a meeting or an event; EXIF (incl. location) is stripped and a thumbnail made on upload."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="photos",
                                verbose_name=_("meeting"))
    event = models.ForeignKey("Event", on_delete=models.CASCADE, null=True, blank=True, related_name="photos",
                              verbose_name=_("event"))
    image = models.ImageField(_("image"), upload_to=photo_path)
    thumbnail = models.ImageField(_("thumbnail"), upload_to=photo_path, editable=False, blank=True)
    alt_text = models.CharField(_("description for people who cannot see the image"), max_length=300)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("uploaded by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        ordering = ["created_at", "pk"]
        constraints = [models.CheckConstraint(condition=Q(meeting__isnull=False) | Q(event__isnull=False),
                                              name="photo_of_meeting_or_event")]

    def __str__(self) -> str:
        return self.alt_text


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def upcoming(self):
        return self.filter(ends_at__gte=timezone.now())

    def in_month(self, year: int, month: int):
        start = timezone.make_aware(dt.datetime(year, month, 1))
        end = timezone.make_aware(dt.datetime(year + month // 12, month % 12 + 1, 1))
        return self.filter(starts_at__lt=end, ends_at__gte=start)


class Event(Seats, models.Model):
    """A portal-wide event: a fair of social services, a round table, a conference, a course, supervision. With
    registration on the portal, a full event takes people on its waiting list (core.registrations)."""

    class Kind(models.TextChoices):
        FAIR = "fair", _("fair of social services")
        ROUND_TABLE = "round_table", _("round table")
        CONFERENCE = "conference", _("conference")
        COURSE = "course", _("education course")
        SUPERVISION = "supervision", _("supervision")
        OTHER = "other", _("other")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name in URLs"), max_length=80, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    obec = models.ForeignKey("territory.Obec", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name=_("municipality"))
    kraj = models.ForeignKey("territory.Kraj", on_delete=models.PROTECT, related_name="events", verbose_name=_("kraj"))
    organiser = models.CharField(_("organiser"), max_length=200)
    description = models.TextField(_("description"), help_text=_("Markdown."))
    registration_url = models.URLField(_("registration link"), blank=True)
    registration_on_portal = models.BooleanField(_("registration on the portal"), default=False)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    published = models.BooleanField(_("published"), default=True)
    reminders_sent_at = models.DateTimeField(_("reminders sent at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")),
                                              name="event_ends_after_start")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("coalitions:event", args=[self.slug])

    @property
    def is_past(self) -> bool:
        """The event has ended (EventQuerySet.upcoming is the rest)."""
        return self.ends_at < timezone.now()


class EventRegistration(SeatRegistration):
    """A person's registration for an event: status, waiting list and attendance from core.registrations."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event"))
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations",
                               verbose_name=_("person"))

    class Meta:
        verbose_name = _("event registration")
        verbose_name_plural = _("event registrations")
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="one_event_registration")]

    def __str__(self) -> str:
        return f"{self.person} – {self.event}"
