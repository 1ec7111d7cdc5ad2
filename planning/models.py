"""Community planning of social services (§ 95 of zákon 108/2006 Sb.): a kraj's mid-term plan and the ORP
community plans, their uniform structure (priorities → measures → activities), indicators that measure
themselves from the registry, yearly action plans and the public consultation with its settlement table.

A plan's state changes only through its verbs (`start_consultation`, `adopt`, `put_in_force`, `evaluate`,
`archive`), each checking who may take the step and what the step needs, and each logged in `PlanTransition`
(who, when, from, to). `save()` refuses any other change of the state, whoever calls it (views, admin, a revert
of a version, imports)."""

import datetime as dt

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.models import HistoricalRecords

from accounts import roles
from core.collation import CZECH


class PlanningError(Exception):
    """A step that is not allowed (wrong state, missing data, no permission, outside the consultation period).
    `message` is translated text for the person who tried it."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


# --- Localities and their coordinators --------------------------------------------------------------------------


class PlanningLocalityQuerySet(models.QuerySet):
    def in_kraje(self, kraje):
        return self.filter(kraj__in=kraje)


class PlanningLocality(models.Model):
    """A planning locality: one ORP, or several ORP / obce planning together (with one community plan)."""

    kraj = models.ForeignKey("territory.Kraj", on_delete=models.PROTECT, related_name="+", verbose_name=_("kraj"))
    name = models.CharField(_("name"), max_length=200, db_collation=CZECH)
    orps = models.ManyToManyField("territory.Orp", related_name="planning_localities", verbose_name=_("ORPs"))
    involved_obce = models.ManyToManyField(
        "territory.Obec", blank=True, related_name="+", verbose_name=_("municipalities taking part"),
        help_text=_("The municipalities of the locality that take part in community planning."))
    phase = models.TextField(_("current phase and next steps"), blank=True, help_text=_("Markdown."))

    objects = PlanningLocalityQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("planning locality")
        verbose_name_plural = _("planning localities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("planning:locality", args=[self.pk])


class CoordinatorAssignmentQuerySet(models.QuerySet):
    def in_kraje(self, kraje):
        return self.filter(locality__kraj__in=kraje)


class CoordinatorAssignment(models.Model):
    """A person who coordinates the community planning of a locality (the ORP planning coordinator role).
    Assigned by the kraj's coordinator; the assignment gives the role, its removal takes it back."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="planning_assignments",
                             verbose_name=_("person"))
    locality = models.ForeignKey(PlanningLocality, on_delete=models.CASCADE, related_name="assignments",
                                 verbose_name=_("planning locality"))
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("assigned by"), editable=False)
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)

    objects = CoordinatorAssignmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("planning coordinator")
        verbose_name_plural = _("planning coordinators")
        constraints = [models.UniqueConstraint(fields=["user", "locality"], name="planning_one_assignment")]

    def __str__(self) -> str:
        return f"{self.user} – {self.locality}"

    def save(self, *args, **kwargs):
        """The person gets the role (and access to the administration) with their first assignment."""
        from django.contrib.auth.models import Group

        with transaction.atomic():
            super().save(*args, **kwargs)
            group, _created = Group.objects.get_or_create(name=roles.PLANNING_COORDINATOR)
            self.user.groups.add(group)
            if not self.user.is_staff:
                type(self.user).objects.filter(pk=self.user.pk).update(is_staff=True)

    def delete(self, *args, **kwargs):
        """The last assignment removed takes the role back (and the administration, if it was the only role)."""
        user = self.user
        with transaction.atomic():
            result = super().delete(*args, **kwargs)
            if not CoordinatorAssignment.objects.filter(user=user).exists():
                user.groups.remove(*user.groups.filter(name=roles.PLANNING_COORDINATOR))
                if not user.is_superuser and not user.groups.exists():
                    type(user).objects.filter(pk=user.pk).update(is_staff=False)
        return result


# --- Plans -----------------------------------------------------------------------------------------------------


class PlanQuerySet(models.QuerySet):
    def public(self):
        """Plans the public sees: every plan once it leaves the draft."""
        return self.exclude(state=Plan.State.DRAFT)

    def in_kraje(self, kraje):
        return self.filter(kraj__in=kraje)

    def in_kraj(self, kraj):
        return self.filter(kraj=kraj)

    def of_kraj_level(self):
        return self.filter(locality__isnull=True)

    def managed_by(self, user):
        """The plans `user` may edit: all for a superuser; their kraje's for a regional coordinator; their
        localities' for a planning coordinator."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser:
            return self
        return self.filter(plan_scope_q(user))

    def for_listing(self):
        return self.select_related("kraj", "locality").prefetch_related("locality__orps")


def plan_scope_q(user, prefix: str = "") -> Q:
    """Plans (or records reached from a plan by `prefix`, e.g. "priority__plan__") that `user` manages."""
    condition = Q(pk__in=[])
    if user.has_role(roles.REGIONAL_COORDINATOR):
        condition |= Q(**{f"{prefix}kraj__in": user.coordinated_kraje.all()})
    if user.has_role(roles.PLANNING_COORDINATOR):
        condition |= Q(**{f"{prefix}locality__in": PlanningLocality.objects.filter(assignments__user=user)})
    return condition


def document_path(plan, filename: str) -> str:
    return f"planning/{plan.pk or 'new'}/{filename}"


class Plan(models.Model):
    """A mid-term plan of a kraj (locality empty) or a community plan of a planning locality."""

    class State(models.TextChoices):
        DRAFT = "draft", _("draft")
        CONSULTATION = "consultation", _("in consultation")
        ADOPTED = "adopted", _("adopted")
        IN_FORCE = "in_force", _("in force")
        EVALUATED = "evaluated", _("evaluated")
        ARCHIVED = "archived", _("archived")

    # The one step forward each state may take.
    NEXT = {State.DRAFT: State.CONSULTATION, State.CONSULTATION: State.ADOPTED, State.ADOPTED: State.IN_FORCE,
            State.IN_FORCE: State.EVALUATED, State.EVALUATED: State.ARCHIVED}
    STATE_ONLY_BY_TRANSITIONS = _("The state of a plan changes only by its steps (consultation, adoption, …).")

    kraj = models.ForeignKey("territory.Kraj", on_delete=models.PROTECT, related_name="+", verbose_name=_("kraj"))
    locality = models.ForeignKey(PlanningLocality, on_delete=models.PROTECT, null=True, blank=True,
                                 related_name="plans", verbose_name=_("planning locality"),
                                 help_text=_("Empty for the kraj's mid-term plan."))
    title = models.CharField(_("title"), max_length=250, db_collation=CZECH)
    slug = models.SlugField(_("short name in URLs"), max_length=80, unique=True)
    period_start = models.PositiveSmallIntegerField(_("first year"))
    period_end = models.PositiveSmallIntegerField(_("last year"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT, editable=False)
    summary = models.TextField(_("summary"), blank=True, help_text=_("Markdown."))
    analysis = models.TextField(_("analysis"), blank=True, help_text=_("Markdown. Chapter 1 of every plan."))
    financing = models.TextField(_("financing"), blank=True, help_text=_("Markdown. Chapter 3 of every plan."))
    monitoring = models.TextField(_("monitoring and evaluation"), blank=True,
                                  help_text=_("Markdown. Chapter 4 of every plan."))
    consultation_starts = models.DateField(_("consultation starts"), null=True, blank=True)
    consultation_ends = models.DateField(_("consultation ends"), null=True, blank=True)
    resolution_body = models.CharField(_("adopted by"), max_length=200, blank=True,
                                       help_text=_("For example: Zastupitelstvo Středočeského kraje."))
    resolution_number = models.CharField(_("resolution number"), max_length=100, blank=True)
    resolution_date = models.DateField(_("resolution date"), null=True, blank=True)
    document = models.FileField(_("adopted document"), upload_to=document_path, blank=True)
    document_type = models.CharField(_("file type"), max_length=10, blank=True, editable=False)
    document_size = models.PositiveIntegerField(_("file size"), default=0, editable=False)
    previous = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                 verbose_name=_("previous plan"))
    steering_group = models.ForeignKey("coalitions.Coalition", on_delete=models.SET_NULL, null=True, blank=True,
                                       related_name="+", verbose_name=_("steering group"))
    working_groups = models.ManyToManyField("coalitions.Coalition", blank=True, related_name="+",
                                            verbose_name=_("working groups"),
                                            help_text=_("Coalitions of the kind working group, one per target group."))
    baselines_frozen_on = models.DateField(_("baselines frozen on"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PlanQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-period_start", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")),
                                   name="planning_period_ordered"),
            models.CheckConstraint(condition=Q(consultation_ends__isnull=True) | Q(consultation_starts__isnull=True)
                                   | Q(consultation_ends__gte=models.F("consultation_starts")),
                                   name="planning_consultation_ordered"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("planning:plan", args=[self.slug])

    def save(self, *args, **kwargs):
        if self.pk and not getattr(self, "_transition", False):
            stored = Plan.objects.filter(pk=self.pk).values_list("state", flat=True).first()
            if stored is not None and stored != self.state:
                raise PlanningError(self.STATE_ONLY_BY_TRANSITIONS)
        super().save(*args, **kwargs)

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.locality_id and self.kraj_id and self.locality.kraj_id != self.kraj_id:
            raise ValidationError({"locality": _("The locality lies in another kraj than the plan.")})
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The last year cannot be before the first year.")})
        if (self.consultation_starts and self.consultation_ends
                and self.consultation_ends < self.consultation_starts):
            raise ValidationError({"consultation_ends": _("The consultation cannot end before it starts.")})

    # --- What the pages ask ------------------------------------------------------------------------------

    @property
    def is_kraj_plan(self) -> bool:
        return self.locality_id is None

    @property
    def period(self) -> str:
        return f"{self.period_start}–{self.period_end}"

    @property
    def years(self) -> list[int]:
        return list(range(self.period_start, self.period_end + 1))

    @property
    def is_draft(self) -> bool:
        return self.state == self.State.DRAFT

    def consultation_is_open(self, on: dt.date | None = None) -> bool:
        """Comments are taken while the plan is in consultation and the day lies within its period."""
        on = on or timezone.localdate()
        return (self.state == self.State.CONSULTATION and self.consultation_starts is not None
                and self.consultation_ends is not None and self.consultation_starts <= on <= self.consultation_ends)

    @property
    def settlement_is_published(self) -> bool:
        return self.state not in (self.State.DRAFT, self.State.CONSULTATION)

    def is_managed_by(self, user) -> bool:
        """Who may edit the plan and take its steps: a superuser, a regional coordinator of its kraj (kraj plans
        and every plan in the kraj), a planning coordinator of its locality (only that locality's plans)."""
        if not user.is_authenticated or not user.is_active:
            return False
        if user.is_superuser:
            return True
        return Plan.objects.filter(pk=self.pk).filter(plan_scope_q(user)).exists()

    def orp_ids(self) -> list[int]:
        """The ORPs the plan covers: its locality's, or every ORP of the kraj."""
        if self.locality_id:
            return [orp.pk for orp in self.locality.orps.all()]
        return list(self.kraj.orps.values_list("pk", flat=True))

    # --- Steps (the only way the state changes) ------------------------------------------------------------

    def next_state(self):
        return self.NEXT.get(self.State(self.state))

    def _step(self, to_state, by, note: str = "", fields=()):
        if not self.is_managed_by(by):
            raise PlanningError(_("You may not change the state of this plan."))
        if self.NEXT.get(self.State(self.state)) != to_state:
            raise PlanningError(_("A plan in the state “%(state)s” cannot become “%(new)s”.") % {
                "state": self.get_state_display(), "new": self.State(to_state).label})
        from_state = self.state
        self.state = to_state
        self._transition = True
        try:
            self.save(update_fields=["state", "updated_at", *fields])
        finally:
            self._transition = False
        PlanTransition.objects.create(plan=self, from_state=from_state, to_state=to_state, by=by, note=note[:500])

    @transaction.atomic
    def start_consultation(self, *, by, starts: dt.date, ends: dt.date):
        """Publish the plan for comments. Needs a period (at least a day) and at least one measure to comment on."""
        if not starts or not ends:
            raise PlanningError(_("The consultation needs a period: its first and last day."))
        if ends < starts:
            raise PlanningError(_("The consultation cannot end before it starts."))
        if not Measure.objects.filter(priority__plan=self).exists():
            raise PlanningError(_("The plan has no measures yet: there is nothing to comment on."))
        self.consultation_starts, self.consultation_ends = starts, ends
        self._step(self.State.CONSULTATION, by, fields=["consultation_starts", "consultation_ends"])

    @transaction.atomic
    def adopt(self, *, by, body: str, number: str, date: dt.date):
        """Record the resolution that adopted the plan. Every comment of the consultation must be settled first:
        the settlement table is published with the adopted plan. Computed baselines are frozen now."""
        if not (body and number and date):
            raise PlanningError(_("Adoption needs the body, the number and the date of the resolution."))
        if self.consultation_ends and self.consultation_ends >= timezone.localdate():
            raise PlanningError(_("The consultation is still running."))
        pending = self.comments.filter(outcome=Comment.Outcome.PENDING, is_hidden=False).count()
        if pending:
            raise PlanningError(ngettext("%(count)d comment of the consultation is not settled yet.",
                                         "%(count)d comments of the consultation are not settled yet.",
                                         pending) % {"count": pending})
        self.resolution_body, self.resolution_number, self.resolution_date = body, number, date
        self._step(self.State.ADOPTED, by, note=f"{body}, {number}",
                   fields=["resolution_body", "resolution_number", "resolution_date"])
        self.freeze_baselines()

    @transaction.atomic
    def put_in_force(self, *, by):
        """The plan's period has begun (or is about to): its measures are now monitored."""
        self._step(self.State.IN_FORCE, by)
        self.freeze_baselines()

    @transaction.atomic
    def evaluate(self, *, by, note: str = ""):
        """The final evaluation is done; the indicators' values of today are kept as a snapshot."""
        from planning import indicators

        self._step(self.State.EVALUATED, by, note=note)
        indicators.take_snapshots(Indicator.objects.filter(measure__priority__plan=self))

    @transaction.atomic
    def archive(self, *, by):
        self._step(self.State.ARCHIVED, by)

    def take_step(self, to_state, *, by, **data):
        """The step to `to_state` with its data (views and admin actions call this)."""
        steps = {self.State.CONSULTATION: self.start_consultation, self.State.ADOPTED: self.adopt,
                 self.State.IN_FORCE: self.put_in_force, self.State.EVALUATED: self.evaluate,
                 self.State.ARCHIVED: self.archive}
        if to_state not in steps:
            raise PlanningError(_("Unknown state."))
        return steps[to_state](by=by, **data)

    def freeze_baselines(self):
        """Computed indicators without a baseline get today's registry value as their baseline, once; a
        snapshot of every computed indicator is kept as the first point of its history."""
        from planning import indicators

        if self.baselines_frozen_on:
            return
        computed = list(Indicator.objects.filter(measure__priority__plan=self, kind=Indicator.Kind.COMPUTED)
                        .select_related("measure__priority__plan__locality", "measure__priority__plan__kraj")
                        .prefetch_related("service_types", "orps", "measure__priority__plan__locality__orps"))
        values = indicators.current_values(computed)
        today = timezone.localdate()
        for indicator in computed:
            if indicator.baseline is None and values.get(indicator.pk) is not None:
                indicator.baseline, indicator.baseline_on = values[indicator.pk], today
                indicator.save(update_fields=["baseline", "baseline_on"])
        indicators.take_snapshots(computed, values=values)
        self.baselines_frozen_on = today
        Plan.objects.filter(pk=self.pk).update(baselines_frozen_on=today)

    # --- A new period ---------------------------------------------------------------------------------------

    @transaction.atomic
    def copy_structure_from(self, previous: "Plan"):
        """Start this (empty, draft) plan from the previous one's structure: chapters' texts, priorities, measures
        with their target groups, service types and territory, activities and indicators (targets kept, baselines
        and values not: they belong to the new period)."""
        if not self.is_draft or self.priorities.exists():
            raise PlanningError(_("Only an empty draft can start from another plan's structure."))
        self.previous = previous
        for name in ("analysis", "financing", "monitoring", "summary"):
            if not getattr(self, name):
                setattr(self, name, getattr(previous, name))
        self.save()
        shift = self.period_start - previous.period_start
        for priority in previous.priorities.prefetch_related(
                "measures__target_groups", "measures__service_types", "measures__orps", "measures__obce",
                "measures__activities", "measures__indicators__service_types", "measures__indicators__orps"):
            new_priority = Priority.objects.create(plan=self, number=priority.number, title=priority.title,
                                                   description=priority.description)
            for measure in priority.measures.all():
                copy = Measure.objects.create(
                    priority=new_priority, number=measure.number, title=measure.title,
                    description=measure.description, responsible_organisation=measure.responsible_organisation,
                    responsible_person=measure.responsible_person, partners=measure.partners,
                    starts_on=_shift(measure.starts_on, shift), ends_on=_shift(measure.ends_on, shift),
                    contributes_to=measure.contributes_to)
                copy.target_groups.set(measure.target_groups.all())
                copy.service_types.set(measure.service_types.all())
                copy.orps.set(measure.orps.all())
                copy.obce.set(measure.obce.all())
                for activity in measure.activities.all():
                    Activity.objects.create(measure=copy, order=activity.order, title=activity.title,
                                            year=activity.year + shift if activity.year else None,
                                            expected_cost=activity.expected_cost)
                for indicator in measure.indicators.all():
                    new = Indicator.objects.create(
                        measure=copy, name=indicator.name, kind=indicator.kind, metric=indicator.metric,
                        capacity_unit=indicator.capacity_unit, unit=indicator.unit, source=indicator.source,
                        target=indicator.target, deadline=_shift(indicator.deadline, shift))
                    new.service_types.set(indicator.service_types.all())
                    new.orps.set(indicator.orps.all())


def _shift(day, years):
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class PlanTransition(models.Model):
    """One step of a plan's life: who took it and when."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("plan"))
    from_state = models.CharField(_("from"), max_length=20, choices=Plan.State.choices)
    to_state = models.CharField(_("to"), max_length=20, choices=Plan.State.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
                           verbose_name=_("by"))
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("step of a plan")
        verbose_name_plural = _("steps of plans")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.plan}: {self.get_from_state_display()} → {self.get_to_state_display()}"


# --- Structure -------------------------------------------------------------------------------------------------


class PriorityQuerySet(models.QuerySet):
    def in_kraje(self, kraje):
        return self.filter(plan__kraj__in=kraje)


class Priority(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="priorities", verbose_name=_("plan"))
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))

    objects = PriorityQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        ordering = ["plan", "number", "pk"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="planning_priority_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def get_absolute_url(self) -> str:
        return f"{self.plan.get_absolute_url()}#priorita-{self.number}"


class MeasureQuerySet(models.QuerySet):
    def in_kraje(self, kraje):
        return self.filter(priority__plan__kraj__in=kraje)

    def past_end_unfinished(self):
        """Measures of adopted plans and plans in force past their end with an activity not closed."""
        unfinished = models.Exists(Activity.objects.filter(measure=models.OuterRef("pk")).exclude(
            status__in=[Activity.Status.DONE, Activity.Status.CANCELLED, Activity.Status.MOVED]))
        return self.filter(unfinished, ends_on__lt=timezone.localdate(),
                           priority__plan__state__in=[Plan.State.ADOPTED, Plan.State.IN_FORCE])

    def for_progress(self):
        """With what progress needs: the plan, the indicators with their filters, the activities."""
        return self.select_related("priority__plan__kraj", "priority__plan__locality").prefetch_related(
            "priority__plan__locality__orps", "activities",
            models.Prefetch("indicators", queryset=Indicator.objects.prefetch_related("service_types", "orps")))


class Measure(models.Model):
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="measures",
                                 verbose_name=_("priority"))
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True, help_text=_("Markdown."))
    target_groups = models.ManyToManyField("services.TargetGroup", blank=True, related_name="+",
                                           verbose_name=_("target groups"))
    service_types = models.ManyToManyField("services.ServiceType", blank=True, related_name="+",
                                           verbose_name=_("service types"))
    orps = models.ManyToManyField("territory.Orp", blank=True, related_name="+", verbose_name=_("ORPs"),
                                  help_text=_("Leave ORPs and municipalities empty when it concerns the plan's whole "
                                              "territory."))
    obce = models.ManyToManyField("territory.Obec", blank=True, related_name="+", verbose_name=_("municipalities"))
    responsible_organisation = models.CharField(_("responsible organisation"), max_length=200, blank=True)
    responsible_person = models.CharField(_("responsible person"), max_length=200, blank=True)
    partners = models.TextField(_("partners"), blank=True)
    starts_on = models.DateField(_("starts on"), null=True, blank=True)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    contributes_to = models.ForeignKey(Priority, on_delete=models.SET_NULL, null=True, blank=True,
                                       related_name="contributions", verbose_name=_("contributes to kraj priority"),
                                       help_text=_("For measures of community plans: the priority of the kraj's "
                                                   "mid-term plan it contributes to."))
    meetings = models.ManyToManyField("coalitions.Meeting", blank=True, related_name="+",
                                      verbose_name=_("discussed at meetings"))
    agenda_items = models.ManyToManyField("coalitions.AgendaItem", blank=True, related_name="+",
                                          verbose_name=_("discussed under agenda items"),
                                          help_text=_("Items of the working groups' meetings that discussed it."))

    objects = MeasureQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["priority__number", "number", "pk"]
        constraints = [models.UniqueConstraint(fields=["priority", "number"], name="planning_measure_number")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def code(self) -> str:
        return f"{self.priority.number}.{self.number}"

    @property
    def plan(self):
        return self.priority.plan

    def get_absolute_url(self) -> str:
        return reverse("planning:measure", args=[self.priority.plan.slug, self.pk])

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The measure cannot end before it starts.")})
        if self.contributes_to_id and self.priority_id:
            target = self.contributes_to.plan
            if target.locality_id is not None or target.kraj_id != self.priority.plan.kraj_id:
                raise ValidationError({"contributes_to": _("Choose a priority of the mid-term plan of the same kraj.")})


class Funding(models.Model):
    class Source(models.TextChoices):
        KRAJ = "kraj", _("kraj budget")
        MUNICIPALITIES = "obce", _("municipalities")
        STATE = "state", _("state subsidy (MPSV)")
        EU = "eu", _("EU funds (ESF+)")
        USERS = "users", _("users' payments")
        HEALTH = "health", _("health insurance")
        OTHER = "other", _("other sources")

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="funding", verbose_name=_("measure"))
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    expected = models.DecimalField(_("expected cost (CZK)"), max_digits=14, decimal_places=0, default=0)
    spent = models.DecimalField(_("spent (CZK)"), max_digits=14, decimal_places=0, null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("funding row")
        verbose_name_plural = _("cost and funding per year")
        ordering = ["year", "source"]
        constraints = [models.UniqueConstraint(fields=["measure", "year", "source"], name="planning_funding_row")]

    def __str__(self) -> str:
        return f"{self.year} {self.get_source_display()}"


class Activity(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("not started")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        MOVED = "moved", _("moved")
        CANCELLED = "cancelled", _("cancelled")

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="activities",
                                verbose_name=_("measure"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=300)
    year = models.PositiveSmallIntegerField(_("year due"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    reason = models.CharField(_("reason"), max_length=300, blank=True,
                              help_text=_("Why the activity was moved or cancelled."))
    expected_cost = models.DecimalField(_("expected cost (CZK)"), max_digits=14, decimal_places=0, null=True,
                                        blank=True)
    spent = models.DecimalField(_("spent (CZK)"), max_digits=14, decimal_places=0, null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.status in (self.Status.MOVED, self.Status.CANCELLED) and not self.reason.strip():
            raise ValidationError({"reason": _("Say why the activity was moved or cancelled.")})

    @property
    def is_closed(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.CANCELLED, self.Status.MOVED)


# --- Indicators ------------------------------------------------------------------------------------------------


class Indicator(models.Model):
    """A measurable target of a measure: entered by hand (values per year with date and source) or computed
    from the registry by a small declarative spec (metric, service types, capacity unit, territory)."""

    class Kind(models.TextChoices):
        MANUAL = "manual", _("entered by hand")
        COMPUTED = "computed", _("computed from the registry")

    class Metric(models.TextChoices):
        CAPACITY = "capacity", _("registered capacity")
        SERVICES = "services", _("number of services")
        FREE = "free", _("services with free places")
        PER_THOUSAND = "per_1000", _("capacity per 1,000 inhabitants")

    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="indicators",
                                verbose_name=_("measure"))
    name = models.CharField(_("name"), max_length=250)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.MANUAL)
    metric = models.CharField(_("metric"), max_length=10, choices=Metric.choices, blank=True,
                              help_text=_("Computed indicators: what is counted in the registry."))
    capacity_unit = models.CharField(_("capacity unit"), max_length=8, blank=True,
                                     choices=[("luzka", _("beds")), ("klient", _("clients")),
                                              ("interv", _("interventions")), ("kontakt", _("contacts")),
                                              ("hovor", _("calls"))],
                                     help_text=_("Computed capacity indicators: which capacity is summed."))
    service_types = models.ManyToManyField("services.ServiceType", blank=True, related_name="+",
                                           verbose_name=_("service types"),
                                           help_text=_("Computed indicators: count services of these types only."))
    orps = models.ManyToManyField("territory.Orp", blank=True, related_name="+", verbose_name=_("ORPs"),
                                  help_text=_("Computed indicators: empty for the plan's whole territory."))
    unit = models.CharField(_("unit"), max_length=50, blank=True, help_text=_("For example: beds, people, %."))
    source = models.CharField(_("source"), max_length=250, blank=True,
                              help_text=_("Indicators entered by hand: where the values come from."))
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, null=True, blank=True)
    baseline_on = models.DateField(_("baseline as of"), null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.kind == self.Kind.COMPUTED:
            if not self.metric:
                raise ValidationError({"metric": _("Say what the registry should count.")})
            if self.metric in (self.Metric.CAPACITY, self.Metric.PER_THOUSAND) and not self.capacity_unit:
                raise ValidationError({"capacity_unit": _("Say which capacity is summed.")})
        if self.pk and self.kind == self.Kind.COMPUTED:
            stored = Indicator.objects.filter(pk=self.pk).values("baseline", "measure__priority__plan__baselines_frozen_on").first()
            if stored and stored["measure__priority__plan__baselines_frozen_on"] and stored["baseline"] is not None \
                    and stored["baseline"] != self.baseline:
                raise ValidationError({"baseline": _("The baseline was frozen when the plan was adopted.")})

    @property
    def is_computed(self) -> bool:
        return self.kind == self.Kind.COMPUTED

    def source_label(self) -> str:
        if self.is_computed:
            return str(_("Registry of social services (computed by the portal)"))
        return self.source


class IndicatorValue(models.Model):
    """A value of an indicator as of a day: entered by hand, or a snapshot of a computed one."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="values",
                                  verbose_name=_("indicator"))
    measured_on = models.DateField(_("as of"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2)
    source = models.CharField(_("source"), max_length=250, blank=True)
    is_snapshot = models.BooleanField(_("snapshot of the registry"), default=False, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        ordering = ["measured_on"]
        constraints = [models.UniqueConstraint(fields=["indicator", "measured_on"], name="planning_value_per_day")]

    def __str__(self) -> str:
        return f"{self.measured_on}: {self.value}"


# --- Consultation -----------------------------------------------------------------------------------------------


class CommentQuerySet(models.QuerySet):
    def visible(self):
        return self.filter(is_hidden=False)

    def in_kraje(self, kraje):
        return self.filter(plan__kraj__in=kraje)

    def pending(self):
        return self.filter(outcome=Comment.Outcome.PENDING, is_hidden=False)


class Comment(models.Model):
    """A comment of the public consultation (připomínka) on a chapter or a measure, and its settlement."""

    class Section(models.TextChoices):
        GENERAL = "general", _("the plan as a whole")
        ANALYSIS = "analysis", _("analysis")
        MEASURES = "measures", _("priorities and measures")
        FINANCING = "financing", _("financing")
        MONITORING = "monitoring", _("monitoring and evaluation")

    class Outcome(models.TextChoices):
        PENDING = "pending", _("waiting for settlement")
        ACCEPTED = "accepted", _("accepted")
        PARTLY = "partly", _("partly accepted")
        REJECTED = "rejected", _("not accepted")

    MAX_LENGTH = 5000

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="comments", verbose_name=_("plan"))
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, null=True, blank=True, related_name="comments",
                                verbose_name=_("measure"))
    section = models.CharField(_("part of the plan"), max_length=12, choices=Section.choices,
                               default=Section.GENERAL)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("author"))
    organisation = models.CharField(_("on behalf of"), max_length=200, blank=True)
    text = models.TextField(_("comment"), max_length=MAX_LENGTH)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    is_hidden = models.BooleanField(_("hidden by a moderator"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    outcome = models.CharField(_("settlement"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING)
    justification = models.TextField(_("justification"), blank=True)
    settled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("settled by"))
    settled_at = models.DateTimeField(_("settled at"), null=True, blank=True)

    objects = CommentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consultation comment")
        verbose_name_plural = _("consultation comments")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return _("Comment %(number)s on %(plan)s") % {"number": self.pk, "plan": self.plan}

    @classmethod
    def submit(cls, *, plan, author, text: str, measure=None, section=Section.GENERAL, organisation=""):
        """A comment, only from a signed-in person within the consultation period, on a measure of the plan."""
        if not author.is_authenticated or not author.is_active:
            raise PlanningError(_("Sign in to comment."))
        if not plan.consultation_is_open():
            raise PlanningError(_("The plan is not open for comments now."))
        if measure is not None and measure.priority.plan_id != plan.pk:
            raise PlanningError(_("The measure is not part of this plan."))
        if not text.strip():
            raise PlanningError(_("Write the comment."))
        return cls.objects.create(plan=plan, author=author, text=text.strip()[:cls.MAX_LENGTH], measure=measure,
                                  section=cls.Section.MEASURES if measure else section,
                                  organisation=organisation[:200])

    def settle(self, *, by, outcome: str, justification: str):
        """The planners' answer. Anything but full acceptance needs a justification; the settlement is final once
        the plan is adopted (it is published with it)."""
        if not self.plan.is_managed_by(by):
            raise PlanningError(_("You may not settle comments of this plan."))
        if self.plan.settlement_is_published:
            raise PlanningError(_("The plan is adopted; its settlement table can no longer change."))
        if outcome not in (self.Outcome.ACCEPTED, self.Outcome.PARTLY, self.Outcome.REJECTED):
            raise PlanningError(_("Choose how the comment is settled."))
        if outcome != self.Outcome.ACCEPTED and not justification.strip():
            raise PlanningError(_("A comment not accepted in full needs a justification."))
        self.outcome, self.justification = outcome, justification.strip()
        self.settled_by, self.settled_at = by, timezone.now()
        self.save(update_fields=["outcome", "justification", "settled_by", "settled_at"])

    @property
    def is_settled(self) -> bool:
        return self.outcome != self.Outcome.PENDING

    # discussions.moderation contract
    def can_be_moderated_by(self, user) -> bool:
        from discussions.roles import is_global_moderator

        return is_global_moderator(user) or self.plan.is_managed_by(user)

    def can_be_read_by(self, user) -> bool:
        return not self.is_hidden and self.plan.state != Plan.State.DRAFT

    def get_absolute_url(self) -> str:
        return f"{reverse('planning:consultation', args=[self.plan.slug])}#pripominka-{self.pk}"
