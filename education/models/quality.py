"""Managed self-assessment against the quality standards (network.QualityStandard / QualityCriterion, Decree
505/2006 Sb., Annex 2): a provider's rounds with a rating per criterion, the comments and consultations of the
kraj's quality methodologists, and the development plan each round ends with.

A provider's self-assessment is private to the provider (its main contacts and education managers) and the
methodologists of its kraj: nothing of it is public, and the kraj's coordinators see only the anonymised picture
(education.aggregates)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from services.models import Provider

from .catalogue import Programme


class MethodologistQuerySet(models.QuerySet):
    def in_kraje(self, kraje):
        return self.filter(kraj__in=kraje)

    def current(self):
        return self.filter(ended_on__isnull=True)


class Methodologist(models.Model):
    """A kraj's quality methodologist, appointed by the kraj's coordinator. The role group (accounts.roles.
    QUALITY_METHODOLOGIST) follows these links, as the provider-staff group follows services.ProviderStaff."""

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="methodologist_of",
                               verbose_name=_("person"))
    kraj = models.ForeignKey("territory.Kraj", on_delete=models.PROTECT, related_name="+", verbose_name=_("kraj"))
    appointed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("appointed by"))
    appointed_at = models.DateTimeField(_("appointed at"), default=timezone.now)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)

    objects = MethodologistQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quality methodologist")
        verbose_name_plural = _("quality methodologists")
        ordering = ["kraj", "pk"]
        constraints = [models.UniqueConstraint(fields=["person", "kraj"], condition=Q(ended_on__isnull=True),
                                               name="one_current_methodologist_link")]

    def __str__(self) -> str:
        return f"{self.person} – {self.kraj}"

    @staticmethod
    def sync_role(user) -> None:
        """In the quality-methodologist group while appointed for some kraj, out of it after."""
        from django.contrib.auth.models import Group

        from accounts import roles

        group, _created = Group.objects.get_or_create(name=roles.QUALITY_METHODOLOGIST)
        if Methodologist.objects.current().filter(person=user).exists():
            user.groups.add(group)
        else:
            user.groups.remove(group)


class Rating(models.TextChoices):
    FULFILLED = "fulfilled", _("fulfilled")
    PARTLY = "partly", _("partly fulfilled")
    NOT_FULFILLED = "not", _("not fulfilled")
    NOT_APPLICABLE = "na", _("does not apply to the service")


# How good a rating is, to tell the change since the last round (not applicable is not compared).
RATING_SCORE = {Rating.NOT_FULFILLED: 0, Rating.PARTLY: 1, Rating.FULFILLED: 2}


class RoundQuerySet(models.QuerySet):
    def in_kraje(self, kraje):
        return self.filter(provider__in=Provider.objects.in_kraje(kraje).values("pk"))

    def completed(self):
        return self.filter(status=SelfAssessmentRound.Status.COMPLETED)

    def latest_completed_per_provider(self):
        """The newest completed round of each provider (the kraj's picture counts each provider once)."""
        newer = SelfAssessmentRound.objects.completed().filter(provider=models.OuterRef("provider")).filter(
            Q(completed_on__gt=models.OuterRef("completed_on"))
            | Q(completed_on=models.OuterRef("completed_on"), pk__gt=models.OuterRef("pk")))
        return self.completed().exclude(models.Exists(newer))


class RoundError(Exception):
    """A step of a round that is not allowed now; `message` is translated text for the person who tried it."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class SelfAssessmentRound(models.Model):
    """A provider's self-assessment of one or more of its services against every criterion of the quality
    standards. In progress → completed (every criterion rated); it ends with a development plan."""

    class Status(models.TextChoices):
        IN_PROGRESS = "progress", _("in progress")
        COMPLETED = "completed", _("completed")

    provider = models.ForeignKey(Provider, on_delete=models.CASCADE, related_name="self_assessments",
                                 verbose_name=_("provider"))
    services = models.ManyToManyField("services.Service", related_name="+", verbose_name=_("services assessed"))
    title = models.CharField(_("title"), max_length=200)
    started_on = models.DateField(_("started on"), default=timezone.localdate)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.IN_PROGRESS)
    previous = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                 verbose_name=_("previous round"))
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("started by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = RoundQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("self-assessment round")
        verbose_name_plural = _("self-assessment rounds")
        ordering = ["-started_on", "-pk"]
        constraints = [models.CheckConstraint(condition=~Q(status="completed") | Q(completed_on__isnull=False),
                                              name="round_completed_has_date")]

    def __str__(self) -> str:
        return f"{self.provider}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("education:round", args=[self.pk])

    @property
    def is_completed(self) -> bool:
        return self.status == self.Status.COMPLETED

    @classmethod
    def start(cls, *, provider, services, title: str, by) -> "SelfAssessmentRound":
        """A new round with an empty rating of every criterion; the provider's last completed round is the one
        it is compared with."""
        from simple_history.utils import bulk_create_with_history

        from network.models import QualityCriterion

        with transaction.atomic():
            previous = cls.objects.completed().filter(provider=provider).order_by("-completed_on", "-pk").first()
            round_ = cls.objects.create(provider=provider, title=title, previous=previous, started_by=by)
            round_.services.set(services)
            bulk_create_with_history([CriterionRating(round=round_, criterion=criterion)
                                      for criterion in QualityCriterion.objects.order_by("pk")],
                                     CriterionRating, default_user=by)
        return round_

    def unrated_count(self) -> int:
        return self.ratings.filter(rating="").count()

    def complete(self, *, by) -> None:
        """Close the round once every criterion is rated; from then on its ratings stay as they were."""
        with transaction.atomic():
            locked = SelfAssessmentRound.objects.select_for_update().get(pk=self.pk)
            if locked.is_completed:
                raise RoundError(_("The round is completed already."))
            missing = locked.unrated_count()
            if missing:
                raise RoundError(_("Rate every criterion first: %(count)s are not rated yet.") % {"count": missing})
            locked.status, locked.completed_on = self.Status.COMPLETED, timezone.localdate()
            locked._history_user = by
            locked.save(update_fields=["status", "completed_on"])
        self.status, self.completed_on = locked.status, locked.completed_on


class CriterionRating(models.Model):
    """How the provider rates itself in one criterion, with its evidence and notes, and the methodologist's
    comment on it."""

    round = models.ForeignKey(SelfAssessmentRound, on_delete=models.CASCADE, related_name="ratings",
                              verbose_name=_("round"))
    criterion = models.ForeignKey("network.QualityCriterion", on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("criterion"))
    rating = models.CharField(_("rating"), max_length=10, choices=Rating.choices, blank=True)
    evidence = models.TextField(_("evidence"), blank=True,
                                help_text=_("Which internal rules, records or practice show it."))
    note = models.TextField(_("notes"), blank=True)
    comment = models.TextField(_("methodologist's comment"), blank=True)
    commented_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("commented by"))
    commented_at = models.DateTimeField(_("commented at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rating of a criterion")
        verbose_name_plural = _("ratings of criteria")
        ordering = ["criterion__standard__number", "criterion__order", "criterion__code"]
        constraints = [models.UniqueConstraint(fields=["round", "criterion"], name="one_rating_per_criterion")]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.get_rating_display()}"

    @property
    def score(self) -> int | None:
        return RATING_SCORE.get(self.rating)


class DevelopmentActionQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(state=DevelopmentAction.State.DONE)

    def overdue(self, on=None):
        return self.open().filter(deadline__lt=on or timezone.localdate())


class DevelopmentAction(models.Model):
    """An action of a round's development plan: what, who, by when, its state; the criteria it addresses and the
    catalogue's programmes that help."""

    class State(models.TextChoices):
        OPEN = "open", _("not started")
        IN_PROGRESS = "progress", _("in progress")
        DONE = "done", _("done")

    round = models.ForeignKey(SelfAssessmentRound, on_delete=models.CASCADE, related_name="actions",
                              verbose_name=_("round"))
    description = models.TextField(_("action"))
    owner = models.CharField(_("owner"), max_length=200, help_text=_("Who is responsible (a role or a name)."))
    deadline = models.DateField(_("deadline"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    progress_note = models.TextField(_("progress"), blank=True)
    criteria = models.ManyToManyField("network.QualityCriterion", blank=True, related_name="+",
                                      verbose_name=_("criteria it addresses"))
    programmes = models.ManyToManyField(Programme, blank=True, related_name="+",
                                        verbose_name=_("programmes from the catalogue"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = DevelopmentActionQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("development action")
        verbose_name_plural = _("development plan")
        ordering = ["deadline", "pk"]
        constraints = [models.CheckConstraint(condition=~Q(state="done") | Q(done_on__isnull=False),
                                              name="development_action_done_has_date")]

    def __str__(self) -> str:
        return self.description[:80]

    def get_absolute_url(self) -> str:
        return reverse("education:action", args=[self.pk])

    @property
    def is_overdue(self) -> bool:
        return self.state != self.State.DONE and self.deadline < timezone.localdate()

    def clean(self):
        super().clean()
        if self.state == self.State.DONE and self.done_on is None:
            self.done_on = timezone.localdate()
        if self.state != self.State.DONE:
            self.done_on = None
        if self.done_on and self.done_on > timezone.localdate():
            raise ValidationError({"done_on": _("An action cannot be done in the future.")})


class Consultation(models.Model):
    """A consultation a methodologist holds with the provider about its round: when, where (or the link), and
    the conclusions both sides keep. Private like the round."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        HELD = "held", _("held")
        CANCELLED = "cancelled", _("cancelled")

    round = models.ForeignKey(SelfAssessmentRound, on_delete=models.CASCADE, related_name="consultations",
                              verbose_name=_("round"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PLANNED)
    conclusions = models.TextField(_("conclusions"), blank=True, help_text=_("Markdown."))
    held_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="+", verbose_name=_("methodologist"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["starts_at", "pk"]
        constraints = [models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")),
                                              name="consultation_ends_after_start")]

    def __str__(self) -> str:
        return f"{self.round} – {date_format(timezone.localtime(self.starts_at), 'SHORT_DATE_FORMAT')}"

    def get_absolute_url(self) -> str:
        return reverse("education:consultation", args=[self.pk])
