"""Registration for an occasion with seats (a coalition's meeting, a term of an education programme): one
implementation of the capacity, the waiting list whose first person takes a freed seat, double-submit-safe
registering and cancelling, the waiting-list position and the attendance the organiser confirms.

An app gives its occasion model the `Seats` mixin (the model has a `capacity`, empty for no limit) and its
registration model the abstract `SeatRegistration`, with a foreign key to the occasion whose related name is
`registrations` and a foreign key `person`:

    class Meeting(Seats, models.Model):
        capacity = models.PositiveIntegerField(null=True, blank=True)

    class Registration(SeatRegistration):
        meeting = models.ForeignKey(Meeting, related_name="registrations", …)
        person = models.ForeignKey(settings.AUTH_USER_MODEL, …)

    registration = meeting.register(person)            # registered, or on the waiting list when full
    promoted = meeting.cancel_registration(person)      # the waiting person who took the seat, or None
    change = meeting.record_attendance(present, listed)  # who came; who is newly marked as attended
    for pk in claim_due_reminders(Meeting.objects.published(), lead_time=dt.timedelta(hours=48)):
        ...                                              # each occasion's reminders are sent once

Each app keeps its own table, its e-mails and its pages; what a seat is and how the waiting list moves is
written here once. Core imports no app: the mixin finds the registration model through `self.registrations`.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db import models, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", pgettext_lazy("registration status", "registered")
    WAITING = "waiting", _("on the waiting list")
    APOLOGISED = "apologised", _("apologised")
    CANCELLED = "cancelled", _("cancelled")


class SeatRegistration(models.Model):
    """One person's registration for one occasion. A row is kept when the person cancels or apologises (the
    organiser sees who declined); `registered_at` orders the waiting list; `attended` is what the organiser
    confirmed after the occasion (None: not recorded yet)."""

    Status = RegistrationStatus

    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.CANCELLED)
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def is_registered(self) -> bool:
        return self.status == self.Status.REGISTERED

    @property
    def is_waiting(self) -> bool:
        return self.status == self.Status.WAITING

    @property
    def is_apologised(self) -> bool:
        return self.status == self.Status.APOLOGISED

    @property
    def is_signed_up(self) -> bool:
        """Registered or on the waiting list: the person means to come."""
        return self.status in (self.Status.REGISTERED, self.Status.WAITING)

    def waiting_position(self) -> int | None:
        """1 for the first person on the waiting list (who gets the next freed seat); None when not waiting."""
        if not self.is_waiting:
            return None
        occasion = occasion_field(type(self))
        ahead = Q(registered_at__lt=self.registered_at) | Q(registered_at=self.registered_at, pk__lt=self.pk)
        return type(self)._default_manager.filter(
            ahead, status=self.Status.WAITING, **{occasion.attname: getattr(self, occasion.attname)}).count() + 1


def occasion_field(registration_model) -> models.ForeignKey:
    """The registration model's foreign key to its occasion (the one whose related name is `registrations`)."""
    return next(f for f in registration_model._meta.concrete_fields
                if f.is_relation and f.remote_field.related_name == "registrations")


def claim_due_reminders(occasions: models.QuerySet, *, lead_time: dt.timedelta,
                        now: dt.datetime | None = None) -> list[int]:
    """The pks of `occasions` (a queryset of a model with `starts_at` and `reminders_sent_at`) that start within
    `lead_time` from `now` and whose reminders have not gone out, each claimed for the caller.

    Every occasion is claimed with its own `UPDATE … WHERE reminders_sent_at IS NULL` before anything is sent,
    so a job run twice, or on two app nodes at once, reminds everybody exactly once."""
    now = now or timezone.now()
    due = list(occasions.filter(reminders_sent_at__isnull=True, starts_at__gt=now, starts_at__lte=now + lead_time)
               .values_list("pk", flat=True))
    manager = occasions.model._default_manager
    return [pk for pk in due if manager.filter(pk=pk, reminders_sent_at__isnull=True).update(reminders_sent_at=now)]


@dataclass
class AttendanceChange:
    """What a confirmation of attendance changed: person pks newly marked as attended, and those marked absent
    after having been marked as attended (an organiser's correction)."""

    came: set[int] = field(default_factory=set)
    withdrawn: set[int] = field(default_factory=set)


class Seats:
    """Mixin for an occasion model with a `capacity` (None: no limit) and `registrations` (a SeatRegistration
    subclass). Registering and cancelling lock the occasion's row, so two people can never take the last seat
    and a double click changes nothing the second time."""

    def _registration_model(self):
        return self.registrations.model

    def seat_counts(self) -> dict:
        """{"registered": n, "waiting": m} in one query."""
        status = RegistrationStatus
        return self.registrations.aggregate(registered=Count("pk", filter=Q(status=status.REGISTERED)),
                                            waiting=Count("pk", filter=Q(status=status.WAITING)))

    def seats_taken(self) -> int:
        return self.registrations.filter(status=RegistrationStatus.REGISTERED).count()

    def is_full(self, seats_taken: int | None = None) -> bool:
        """Every seat is taken, so a new registration joins the waiting list; never without a capacity. Pass
        `seats_taken` when the registered people are counted already (it saves the query)."""
        if self.capacity is None:
            return False
        return (self.seats_taken() if seats_taken is None else seats_taken) >= self.capacity

    def _locked(self):
        return type(self)._default_manager.select_for_update().get(pk=self.pk)

    def register(self, person):
        """Register a person; past capacity they join the waiting list. Safe against double submits: a person
        already registered or waiting keeps their place. The registration's `newly_signed_up` says whether this
        call signed the person up (False for a repeated click: nothing to confirm again)."""
        model = self._registration_model()
        link = occasion_field(model).name
        with transaction.atomic():
            occasion = self._locked()
            registration, _created = model._default_manager.get_or_create(**{link: occasion}, person=person)
            registration.newly_signed_up = not registration.is_signed_up
            if not registration.newly_signed_up:
                return registration
            registration.status = (RegistrationStatus.WAITING if occasion.is_full()
                                   else RegistrationStatus.REGISTERED)
            registration.registered_at = timezone.now()
            registration.save(update_fields=["status", "registered_at"])
            return registration

    def cancel_registration(self, person, *, apologise=False):
        """Cancel (or apologise); the first person on the waiting list takes the freed seat. Returns that
        person's registration (to tell them), or None when no seat was handed on."""
        model = self._registration_model()
        link = occasion_field(model).name
        with transaction.atomic():
            occasion = self._locked()
            registration, _created = model._default_manager.get_or_create(**{link: occasion}, person=person)
            had_seat = registration.status == RegistrationStatus.REGISTERED
            registration.status = RegistrationStatus.APOLOGISED if apologise else RegistrationStatus.CANCELLED
            registration.save(update_fields=["status"])
            if not had_seat:
                return None
            waiting = occasion.registrations.filter(status=RegistrationStatus.WAITING).order_by(
                "registered_at", "pk").first()
            if waiting is None or occasion.is_full():
                return None
            waiting.status = RegistrationStatus.REGISTERED
            waiting.save(update_fields=["status"])
            return waiting

    def record_attendance(self, present, listed, *, by=None) -> AttendanceChange:
        """Mark the people in `present` as attended and the rest of `listed` as absent (person pks). People
        present without a registration get one (registered, attended). Written in bulk; a registration model
        with history (simple-history) gets a version per changed row, by `by`."""
        model = self._registration_model()
        link = occasion_field(model).name
        present, listed = set(present), set(listed) | set(present)
        with transaction.atomic():
            before = dict(self.registrations.filter(person_id__in=listed).values_list("person_id", "attended"))
            new = [model(**{link: self}, person_id=person_id, status=RegistrationStatus.REGISTERED, attended=True)
                   for person_id in sorted(present - before.keys())]
            if hasattr(model, "history"):
                from simple_history.utils import bulk_create_with_history, bulk_update_with_history

                changed = [row for row in self.registrations.filter(person_id__in=listed)
                           if row.attended != (row.person_id in present)]
                for row in changed:
                    row.attended = row.person_id in present
                if changed:
                    bulk_update_with_history(changed, model, ["attended"], default_user=by)
                if new:
                    bulk_create_with_history(new, model, default_user=by)
            else:
                self.registrations.filter(person_id__in=present).update(attended=True)
                self.registrations.filter(person_id__in=listed - present).update(attended=False)
                model._default_manager.bulk_create(new)
        return AttendanceChange(
            came={pk for pk in present if before.get(pk) is not True},
            withdrawn={pk for pk in listed - present if before.get(pk) is True})
