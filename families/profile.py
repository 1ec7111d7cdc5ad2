"""The families' part of a person's profile (accounts gathers it): the way to their requests, offers or the
kraj's agreements and statistics."""

from families import permissions


def profile_sections(user) -> list[dict]:
    ospod = permissions.is_ospod_worker(user)
    provider = permissions.is_provider_staff(user)
    coordinator = permissions.is_families_coordinator(user)
    if not (ospod or provider or coordinator):
        return []
    return [{"template": "families/profile/section.html", "ospod": ospod, "provider": provider,
             "coordinator": coordinator}]
