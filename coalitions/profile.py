"""The coalitions' part of a person's profile page (accounts.views.profile gathers it, core.contributions)."""

from django.utils import timezone

from coalitions.models import Registration
from coalitions.views.calendars import my_meetings_url


def profile_sections(user) -> list[dict]:
    """The person's coalitions and their upcoming meetings (registered or waiting), with their calendar feed."""
    memberships = user.memberships.current().select_related("coalition")
    registrations = (Registration.objects.filter(person=user, meeting__ends_at__gte=timezone.now(),
                                                 status__in=[Registration.Status.REGISTERED,
                                                             Registration.Status.WAITING])
                     .select_related("meeting__coalition").order_by("meeting__starts_at"))
    return [{"template": "coalitions/profile/section.html", "memberships": memberships,
             "registrations": registrations, "my_meetings_url": my_meetings_url(user)}]
