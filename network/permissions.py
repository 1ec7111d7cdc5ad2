"""Who may see and do what with the network, efficiency figures and audits. Views, templates and the admin ask
these functions, never groups."""

from accounts import permissions as account_permissions
from accounts import roles
from services import permissions as service_permissions
from services.models import ProviderStaff, Service


def coordinated_kraje(user):
    return account_permissions.coordinated_kraje(user)


def is_network_coordinator(user) -> bool:
    """A regional coordinator (of some kraj) or a superuser: the coordinators' network pages."""
    return user.is_authenticated and (user.is_superuser or coordinated_kraje(user).exists())


def coordinates_kraj(user, kraj_id) -> bool:
    return user.is_authenticated and (user.is_superuser or coordinated_kraje(user).filter(pk=kraj_id).exists())


def reports_for(user, service: Service) -> bool:
    """Provider staff of the service's provider."""
    return user.is_authenticated and ProviderStaff.objects.filter(user=user, provider_id=service.provider_id).exists()


def can_report_figures(user, service: Service) -> bool:
    """Annual figures are reported by the provider's staff, or by the kraj's coordinator for them."""
    return reports_for(user, service) or service_permissions.coordinates_service(user, service)


def can_see_internal_figures(user, service: Service) -> bool:
    """All figures of a service, money included: its provider's staff and its kraj's coordinators. Everyone else
    sees what the kraj made public (DisclosureSettings)."""
    return can_report_figures(user, service)


def can_see_audit(user, audit) -> bool:
    """A whole audit (findings, actions): its provider's staff and the kraj's coordinators; the public sees only
    the public summary of audits the kraj marked public."""
    return can_report_figures(user, audit.service)


def figures_shown(user, service: Service, disclosure) -> set[str]:
    """Which groups of figures of `service` `user` sees: clients, occupancy, staff, money."""
    if can_see_internal_figures(user, service):
        return {"clients", "occupancy", "staff", "money"}
    shown = set()
    for name in ("clients", "occupancy", "staff", "money"):
        if getattr(disclosure, f"public_{name}"):
            shown.add(name)
    return shown


# The admin permissions the roles need (gathered by accounts.roles.role_permissions()).
ROLE_PERMISSIONS = {
    roles.REGIONAL_COORDINATOR: [
        # Their kraj's network, minimal network rules and population by age, figures, settings and audits,
        # region-scoped in network/admin.py.
        *roles.model_perms("network", "networkmembership", "view", "add", "change", "delete"),
        *roles.model_perms("network", "networkchange", "view", "add", "change", "delete"),
        *roles.model_perms("network", "minimalnetworknorm", "view", "add", "change", "delete"),
        *roles.model_perms("network", "orppopulation", "view", "add", "change", "delete"),
        *roles.model_perms("network", "annualfigures", "view", "add", "change", "delete"),
        *roles.model_perms("network", "disclosuresettings", "view", "add", "change"),
        *roles.model_perms("network", "audit", "view", "add", "change", "delete"),
        *roles.model_perms("network", "standardresult", "view", "add", "change", "delete"),
        *roles.model_perms("network", "correctiveaction", "view", "add", "change", "delete"),
        # National codelists: read only (superusers edit the criteria's wording and the groups).
        "network.view_qualitystandard", "network.view_qualitycriterion", "network.view_servicetypegroup",
    ],
}
