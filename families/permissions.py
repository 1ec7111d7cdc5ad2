"""Who may see and do what in the families app: the one place these questions are answered. Views, templates,
the admin, e-mails and exports ask here, never groups. Deny by default: a person sees a request only for one of
the reasons below, and every such access is logged (families.access).

- An OSPOD worker (assigned to the office of an ORP by the kraj's coordinator) sees their office's requests with
  every offer, posts requests, chooses an offer or cancels, confirms delivery and closure.
- Provider staff see the requests their provider may answer (open, before the deadline, with a framework
  agreement in force for the request's category covering its ORP) and the requests they offered on, with their
  own offers only; they offer, withdraw, report delivery and closure of their contracts.
- A regional coordinator sees the requests of their kraj (oversight, read-only), manages the kraj's agreements
  and OSPOD workers in the administration and sees the statistics per provider.
- Anybody sees the aggregated statistics, the minimal network for families and the typology; never a request
  or an offer.
"""

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from accounts import permissions as account_permissions
from accounts import roles
from families.models import FrameworkAgreement, Offer, OspodAssignment, ServiceRequest
from services.models import ProviderStaff
from territory.models import Orp

SUPERUSER, COORDINATOR, OFFICE, PROVIDER = "superuser", "coordinator", "office", "provider"


# --- Who is who ----------------------------------------------------------------------------------------------


def office_orps(user):
    """The ORPs whose OSPOD office the person works at."""
    if not user.is_authenticated:
        return Orp.objects.none()
    return Orp.objects.filter(pk__in=OspodAssignment.objects.filter(user=user).values("orp"))


def is_ospod_worker(user) -> bool:
    return user.is_authenticated and OspodAssignment.objects.filter(user=user).exists()


def staffed_provider_ids(user):
    """A subquery of the providers the person works for (services.ProviderStaff)."""
    return ProviderStaff.objects.filter(user=user).values("provider") if user.is_authenticated else []


def is_provider_staff(user) -> bool:
    return user.is_authenticated and ProviderStaff.objects.filter(user=user).exists()


def coordinated_kraje(user):
    return account_permissions.coordinated_kraje(user)


def is_families_coordinator(user) -> bool:
    """A regional coordinator (of some kraj) or a superuser."""
    return user.is_authenticated and (user.is_superuser or coordinated_kraje(user).exists())


def coordinates_kraj(user, kraj_id) -> bool:
    return user.is_authenticated and (user.is_superuser or coordinated_kraje(user).filter(pk=kraj_id).exists())


# --- Requests ------------------------------------------------------------------------------------------------


def _agreements_open_to(user, now):
    return (FrameworkAgreement.objects.in_force(timezone.localdate(now)).of_providers(staffed_provider_ids(user))
            .covering(OuterRef("category"), OuterRef("orp")))


def visible_requests(user, now=None):
    """Every request the person may open, in SQL (lists, counts, exports)."""
    requests = ServiceRequest.objects.all()
    if not user.is_authenticated:
        return requests.none()
    if user.is_superuser:
        return requests
    now = now or timezone.now()
    condition = Q(orp__in=OspodAssignment.objects.filter(user=user).values("orp"))
    if account_permissions.is_regional_coordinator(user):
        condition |= Q(orp__kraj__in=user.coordinated_kraje.all())
    providers = staffed_provider_ids(user)
    condition |= Q(Exists(Offer.objects.filter(request=OuterRef("pk"), provider__in=providers)))
    condition |= Q(state=ServiceRequest.State.OPEN, offers_due__gte=now) & Q(Exists(_agreements_open_to(user, now)))
    return requests.filter(condition)


def office_requests(user):
    """The requests of the person's offices (what an OSPOD worker manages)."""
    return ServiceRequest.objects.of_offices(office_orps(user))


def open_requests_for(user, now=None):
    """Requests the person's provider may still answer (the providers' list)."""
    if not user.is_authenticated:
        return ServiceRequest.objects.none()
    return ServiceRequest.objects.open_to_providers(staffed_provider_ids(user), now)


def works_at_office(user, request: ServiceRequest) -> bool:
    return user.is_authenticated and OspodAssignment.objects.filter(user=user, orp_id=request.orp_id).exists()


def role_for(user, request: ServiceRequest, now=None) -> str | None:
    """Why the person may see the request (the first reason that applies), None when they may not. The reason
    is written into the access log."""
    if not user.is_authenticated:
        return None
    if user.is_superuser:
        return SUPERUSER
    if works_at_office(user, request):
        return OFFICE
    if account_permissions.is_regional_coordinator(user) and user.coordinated_kraje.filter(
            orps=request.orp_id).exists():
        return COORDINATOR
    providers = staffed_provider_ids(user)
    if request.offers.filter(provider__in=providers).exists():
        return PROVIDER
    if answering_agreements(user, request, now):
        return PROVIDER
    return None


def can_see_request(user, request, now=None) -> bool:
    return role_for(user, request, now) is not None


def can_manage_request(user, request) -> bool:
    """Post, choose, cancel, confirm: the office's workers only (coordinators oversee, they do not decide)."""
    return works_at_office(user, request)


def sees_all_offers(user, request, role=None) -> bool:
    """The office, the kraj's coordinators and superusers see every offer; a provider only its own. `role`: the
    reason role_for() already gave, if the caller has it."""
    return (role or role_for(user, request)) in (SUPERUSER, OFFICE, COORDINATOR)


def visible_offers(user, request, role=None):
    offers = request.offers.select_related("provider", "service", "agreement", "submitted_by")
    if sees_all_offers(user, request, role):
        return offers
    return offers.filter(provider__in=staffed_provider_ids(user))


# --- Offers --------------------------------------------------------------------------------------------------


def answering_agreements(user, request, now=None) -> list:
    """The person's providers' agreements under which they may offer on the request now: in force, of its
    category, covering its ORP, while the request takes offers and before the provider has offered."""
    if not user.is_authenticated or not request.takes_offers(now):
        return []
    agreements = list(FrameworkAgreement.objects.in_force(timezone.localdate(now))
                      .of_providers(staffed_provider_ids(user)).covering(request.category, request.orp_id)
                      .select_related("provider").order_by("provider__name", "pk"))
    if not agreements:
        return []
    offered = set(request.offers.valid().values_list("provider_id", flat=True))
    return [agreement for agreement in agreements if agreement.provider_id not in offered]


def can_offer(user, request, now=None) -> bool:
    return bool(answering_agreements(user, request, now))


def can_withdraw(user, offer) -> bool:
    return (offer.state == Offer.State.SUBMITTED and offer.request.takes_offers()
            and ProviderStaff.objects.filter(user=user, provider_id=offer.provider_id).exists())


def withdrawable(user, request, offers) -> set:
    """The offers (of those shown) the person may withdraw, asked once for all of them."""
    if not user.is_authenticated or not request.takes_offers():
        return set()
    mine = set(ProviderStaff.objects.filter(user=user).values_list("provider_id", flat=True))
    return {offer.pk for offer in offers if offer.state == Offer.State.SUBMITTED and offer.provider_id in mine}


def my_offers(user):
    return Offer.objects.of_providers(staffed_provider_ids(user)) if user.is_authenticated else Offer.objects.none()


# --- Contracts -----------------------------------------------------------------------------------------------


def delivers(user, contract) -> bool:
    """Staff of the contract's provider (delivery and closure reports)."""
    return user.is_authenticated and ProviderStaff.objects.filter(user=user, provider_id=contract.provider_id).exists()


def can_report_delivery(user, contract) -> bool:
    return not contract.closure_reported and delivers(user, contract)


def can_confirm(user, contract) -> bool:
    return works_at_office(user, contract.request)


# --- Exports and statistics ----------------------------------------------------------------------------------


def exports_free_text(user) -> bool:
    """Whether the person's export of requests carries the free text: only OSPOD workers, for their own office's
    casework. Coordinators export for oversight: numbers, states and dates, no descriptions."""
    return is_ospod_worker(user)


def provider_breakdown_kraje(user):
    """The kraje whose statistics per provider the person sees (coordinators; the public sees the aggregate)."""
    from territory.models import Kraj

    if not user.is_authenticated:
        return Kraj.objects.none()
    return coordinated_kraje(user)


def can_see_typology_suggestions(user) -> bool:
    return is_families_coordinator(user)


# The admin permissions the roles need (gathered by accounts.roles.role_permissions()); scoped in families/admin.py.
# OSPOD workers and provider staff work on the site and hold no admin permission.
ROLE_PERMISSIONS = {
    roles.REGIONAL_COORDINATOR: [
        # The kraj's framework agreements and OSPOD workers.
        *roles.model_perms("families", "frameworkagreement", "view", "add", "change", "delete"),
        *roles.model_perms("families", "ospodassignment", "view", "add", "change", "delete"),
        # The casework of the kraj, read-only (every opening logged) and the access log itself.
        "families.view_servicerequest", "families.view_offer", "families.view_partialcontract",
        "families.view_deliveryreport", "families.view_requestaccess",
    ],
}
