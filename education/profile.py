"""Education's part of a person's profile (accounts gathers it, core.contributions): the person's hours this year
against the 24, and the links to what they manage (organisations, self-assessment, the kraj's figures, their
supervisor profile)."""

from django.utils import timezone

from education import hours, permissions
from education.models import Supervisor


def profile_sections(user) -> list[dict]:
    return [{
        "template": "education/profile/section.html",
        "this_year": hours.year_hours(user, timezone.localdate().year),
        "minimum": hours.STATUTORY_MINIMUM,
        "manages": permissions.managed_providers(user).exists(),
        "methodologist": permissions.is_methodologist(user),
        "kraj_figures": permissions.can_see_kraj_figures(user),
        "supervisor": Supervisor.objects.filter(person=user).first(),
    }]
