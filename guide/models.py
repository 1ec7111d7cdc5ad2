"""Life situations ("my mother can no longer live alone") that lead to the kinds of help that fit them.

Texts are content written by the portal's editors, not interface strings, so both languages are stored as
fields (`name_cs` / `name_en`, like the registry's codelists); `localized()` picks the current language and
falls back to Czech when the English text is missing. Nothing here stores anything about a visitor: the only
write a visit causes is a count of situation pages opened per day (`SituationOpened`).
"""

import datetime as dt

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.collation import CZECH
from core.text import normalize_search_text


def localized(obj, field: str) -> str:
    """`obj.<field>_en` in English when it is filled in, else `obj.<field>_cs`."""
    if get_language() == "en":
        text = getattr(obj, f"{field}_en", "")
        if text:
            return text
    return getattr(obj, f"{field}_cs", "")


def split_lines(text: str) -> list[str]:
    """Non-empty lines of a text field that holds one item a line (steps, synonyms)."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class Urgency(models.TextChoices):
    DANGER = "danger", _("Danger now: call for help at once")
    DAYS = "days", _("Urgent: act within days")
    PLANNED = "planned", _("Can be planned")


class Rank(models.TextChoices):
    FIRST = "first", _("First choice")
    ALSO = "also", _("Also consider")


class CrisisContact(models.Model):
    """A public helpline or emergency number shown with the situations it fits and on empty searches."""

    name_cs = models.CharField(_("Czech name"), max_length=120, db_collation=CZECH)
    name_en = models.CharField(_("English name"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=30, help_text=_("As it is dialled, e.g. 116 123."))
    hours_cs = models.CharField(_("hours (Czech)"), max_length=120, blank=True)
    hours_en = models.CharField(_("hours (English)"), max_length=120, blank=True)
    description_cs = models.CharField(_("who it is for (Czech)"), max_length=300, blank=True)
    description_en = models.CharField(_("who it is for (English)"), max_length=300, blank=True)
    web = models.URLField(_("web"), blank=True)
    is_emergency = models.BooleanField(_("emergency number"), default=False,
                                       help_text=_("Emergency services (155, 158, 112) are listed first."))
    shown_on_empty_search = models.BooleanField(
        _("shown when a search finds nothing"), default=False,
        help_text=_("Offered to everyone whose search of the registry ends without results."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("crisis contact")
        verbose_name_plural = _("crisis contacts")
        ordering = ["-is_emergency", "order", "name_cs"]

    def __str__(self) -> str:
        return f"{self.name_cs} {self.phone}"

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def hours(self) -> str:
        return localized(self, "hours")

    @property
    def description(self) -> str:
        return localized(self, "description")

    @property
    def tel(self) -> str:
        """The number for a tel: link (digits and a leading +)."""
        return "".join(c for c in self.phone if c.isdigit() or c == "+")


class SituationGroup(models.Model):
    """A group of situations on the guide's index (ageing and care, housing, debts …)."""

    slug = models.SlugField(_("slug"), unique=True)
    name_cs = models.CharField(_("Czech name"), max_length=120, db_collation=CZECH)
    name_en = models.CharField(_("English name"), max_length=120, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("group of situations")
        verbose_name_plural = _("groups of situations")
        ordering = ["order", "name_cs"]

    def __str__(self) -> str:
        return self.name_cs

    @property
    def name(self) -> str:
        return localized(self, "name")


class SituationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def due_for_review(self, on: dt.date | None = None):
        return self.filter(review_by__lte=on or timezone.localdate())

    def for_page(self):
        """What a situation page (and the guide's results page) shows, in a fixed number of queries."""
        return self.select_related("group").prefetch_related(
            models.Prefetch("fits", queryset=SituationServiceType.objects.select_related("service_type")),
            "crisis_contacts",
            models.Prefetch("related", queryset=Situation.objects.published().only(
                "pk", "slug", "name_cs", "name_en", "group_id")),
        )


class Situation(models.Model):
    """A life situation in the person's own words, what to do first, and the kinds of help that fit."""

    group = models.ForeignKey(SituationGroup, on_delete=models.PROTECT, related_name="situations",
                              verbose_name=_("group"))
    slug = models.SlugField(_("slug"), max_length=80, unique=True,
                            help_text=_("Part of the page's address; change it only with care (links break)."))
    order = models.PositiveSmallIntegerField(_("order in the group"), default=0)
    is_published = models.BooleanField(_("published"), default=True)
    name_cs = models.CharField(_("Czech name"), max_length=200, db_collation=CZECH,
                               help_text=_("In the person's words, e.g. “My mother can no longer live alone”."))
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    summary_cs = models.CharField(_("short description (Czech)"), max_length=400,
                                  help_text=_("One or two plain sentences for lists and search hints."))
    summary_en = models.CharField(_("short description (English)"), max_length=400, blank=True)
    description_cs = models.TextField(_("description (Czech)"), blank=True,
                                      help_text=_("Markdown. Short sentences; no § numbers in the first paragraph."))
    description_en = models.TextField(_("description (English)"), blank=True, help_text=_("Markdown."))
    first_steps_cs = models.TextField(_("what to do first (Czech)"),
                                      help_text=_("One step a line, in order; markdown within a line (links)."))
    first_steps_en = models.TextField(_("what to do first (English)"), blank=True,
                                      help_text=_("One step a line, in order."))
    synonyms = models.TextField(
        _("search phrases"), blank=True,
        help_text=_("One phrase a line, as people type them (“maminka uz nemuze byt sama doma”, “exekuce”). "
                    "Capitals and diacritics do not matter."))
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.PLANNED)
    target_groups = models.ManyToManyField("services.TargetGroup", blank=True, related_name="+",
                                           verbose_name=_("target groups"))
    age_groups = models.ManyToManyField("services.AgeGroup", blank=True, related_name="+",
                                        verbose_name=_("age groups"))
    service_types = models.ManyToManyField("services.ServiceType", through="SituationServiceType",
                                           blank=True, related_name="+", verbose_name=_("service types"))
    crisis_contacts = models.ManyToManyField(CrisisContact, blank=True, related_name="situations",
                                             verbose_name=_("crisis contacts"))
    related = models.ManyToManyField("self", blank=True, verbose_name=_("related situations"))
    sources = models.TextField(_("sources"), blank=True, help_text=_("Markdown list of links the text relies on."))
    reviewed_on = models.DateField(_("last checked on"), null=True, blank=True)
    review_by = models.DateField(_("check again by"), null=True, blank=True,
                                 help_text=_("Editors see the text as due for review from this day."))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = SituationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("life situation")
        verbose_name_plural = _("life situations")
        ordering = ["group__order", "order", "name_cs"]

    def __str__(self) -> str:
        return self.name_cs

    def get_absolute_url(self) -> str:
        return reverse("guide:situation", args=[self.slug])

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def summary(self) -> str:
        return localized(self, "summary")

    @property
    def description(self) -> str:
        return localized(self, "description")

    @property
    def first_steps(self) -> list[str]:
        return split_lines(localized(self, "first_steps"))

    @property
    def synonym_list(self) -> list[str]:
        return split_lines(self.synonyms)

    @property
    def is_due_for_review(self) -> bool:
        return self.review_by is not None and self.review_by <= timezone.localdate()

    @property
    def is_urgent(self) -> bool:
        return self.urgency == Urgency.DANGER

    def search_text(self) -> dict[str, str]:
        """The normalised texts the registry search matches against (guide/search.py)."""
        return {
            "strong": normalize_search_text(" ".join([self.name_cs, self.name_en, *self.synonym_list])),
            "weak": normalize_search_text(" ".join([self.summary_cs, self.summary_en, self.description_cs])),
        }

    def mark_reviewed(self, *, months: int = 12) -> None:
        """The text was checked today: the next check is due in `months` months."""
        today = timezone.localdate()
        self.reviewed_on = today
        self.review_by = today + dt.timedelta(days=round(months * 30.44))
        self.save(update_fields=["reviewed_on", "review_by", "updated_at"])


class SituationServiceType(models.Model):
    """A service type that fits a situation: first choice or also consider, with a one-sentence reason."""

    situation = models.ForeignKey(Situation, on_delete=models.CASCADE, related_name="fits",
                                  verbose_name=_("situation"))
    service_type = models.ForeignKey("services.ServiceType", on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("service type"))
    rank = models.CharField(_("fit"), max_length=5, choices=Rank.choices, default=Rank.FIRST)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    explanation_cs = models.CharField(_("why it fits (Czech)"), max_length=300,
                                      help_text=_("One plain sentence: what this service does for the person."))
    explanation_en = models.CharField(_("why it fits (English)"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fitting service type")
        verbose_name_plural = _("fitting service types")
        ordering = ["situation", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["situation", "service_type"],
                                               name="guide_unique_situation_service_type")]

    def __str__(self) -> str:
        return f"{self.situation}: {self.service_type}"

    @property
    def explanation(self) -> str:
        return localized(self, "explanation")

    @property
    def is_first_choice(self) -> bool:
        return self.rank == Rank.FIRST


class SituationOpened(models.Model):
    """How many times a situation's page was opened on a day: the guide's only statistic. No visitor data."""

    situation = models.ForeignKey(Situation, on_delete=models.CASCADE, related_name="+",
                                  verbose_name=_("situation"))
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("opened"), default=0)

    class Meta:
        verbose_name = _("situation opened (count per day)")
        verbose_name_plural = _("situations opened (counts per day)")
        ordering = ["-day", "situation"]
        constraints = [models.UniqueConstraint(fields=["situation", "day"], name="guide_unique_opened_per_day")]

    def __str__(self) -> str:
        return f"{self.situation} {self.day}: {self.count}"

    @classmethod
    def count_one(cls, situation_id: int) -> None:
        """One more opening today: one UPDATE, an INSERT on the day's first opening (a race re-counts)."""
        today = timezone.localdate()
        if cls.objects.filter(situation_id=situation_id, day=today).update(count=F("count") + 1):
            return
        try:
            with transaction.atomic():
                cls.objects.create(situation_id=situation_id, day=today, count=1)
        except IntegrityError:
            cls.objects.filter(situation_id=situation_id, day=today).update(count=F("count") + 1)
