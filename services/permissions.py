"""Who may do what in the registry. Views, templates and the admin ask these functions, never groups."""

from accounts import permissions as account_permissions
from accounts import roles
from services.models import Provider, ProviderStaff, Service


def staffed_providers(user):
    """Providers the person reports for (linked by a coordinator as provider staff)."""
    if not user.is_authenticated:
        return Provider.objects.none()
    return Provider.objects.filter(staff_links__user=user)


def is_provider_staff(user) -> bool:
    return user.is_authenticated and ProviderStaff.objects.filter(user=user).exists()


def coordinates_service(user, service: Service) -> bool:
    """A regional coordinator of the kraj the service is counted in (superusers coordinate everything)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    if service.orp_id is None:
        return False
    return account_permissions.coordinated_kraje(user).filter(orps=service.orp_id).exists()


def can_report_capacity(user, service: Service) -> bool:
    """Free places are reported by the provider's staff, or by the region's coordinator for them (by phone)."""
    if not user.is_authenticated:
        return False
    if ProviderStaff.objects.filter(user=user, provider_id=service.provider_id).exists():
        return True
    return coordinates_service(user, service)


def can_verify_reports(user, service: Service) -> bool:
    return coordinates_service(user, service)


def can_save_searches(user) -> bool:
    return user.is_authenticated


# --- The "My services" menu link ------------------------------------------------------------------

SESSION_FLAG = "services_provider_staff"  # templates/base.html reads request.session.services_provider_staff


def remember_provider_staff(sender, request, user, **kwargs) -> None:
    """On login, note in the session whether the person is provider staff: the menu link then costs no
    query on every page. The "My services" page refreshes the note (a link made after the login)."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_FLAG] = is_provider_staff(user)


# The admin permissions the roles need for the registry (gathered by accounts.roles.role_permissions()).
ROLE_PERMISSIONS = {
    roles.REGIONAL_COORDINATOR: [
        # The registry of their kraj, region-scoped in services/admin.py (core.admin.RegionScopedAdmin):
        # providers and services with their facilities, forms and registered capacities (services end, they
        # are not deleted: deleting is the registry import's job), free-place reports (verified, corrected,
        # imported from a file), minimal-network targets, error reports from the public form.
        *roles.model_perms("services", "provider", "view", "add", "change"),
        *roles.model_perms("services", "service", "view", "add", "change"),
        *roles.model_perms("services", "facility", "view", "add", "change", "delete"),
        *roles.model_perms("services", "serviceform", "view", "add", "change", "delete"),
        *roles.model_perms("services", "registeredcapacity", "view", "add", "change", "delete"),
        *roles.model_perms("services", "capacityreport", "view", "add", "change"),
        *roles.model_perms("services", "networktarget", "view", "add", "change", "delete"),
        *roles.model_perms("services", "recordcorrection", "view", "change"),
        # Linking provider staff to providers of their kraj.
        *roles.model_perms("services", "providerstaff", "view", "add", "change", "delete"),
        # Registry imports: runs of their kraje (ImportRunAdmin), uploads of a file.
        "services.view_importrun", "services.add_importrun",
        # Territorial codelists, so forms can look up an obec or ORP (autocomplete answers with their kraje).
        "territory.view_kraj", "territory.view_okres", "territory.view_orp", "territory.view_obec",
    ],
}
