"""The network's part of a person's profile (accounts gathers it): for provider staff, the annual figures and
audits of their services; for coordinators, the network's coordination page."""

from network import permissions
from services import permissions as service_permissions


def profile_sections(user) -> list[dict]:
    staff = service_permissions.is_provider_staff(user)
    coordinator = permissions.is_network_coordinator(user)
    if not staff and not coordinator:
        return []
    return [{"template": "network/profile/section.html", "staff": staff, "coordinator": coordinator}]
