"""What the portal-wide gates need from the families app, kept here so the shared test files only call it:

- `builders()`: one record of every families model in the home kraj, for the admin matrices
  (tests/test_admin_matrix.py, tests/test_admin_post_matrix.py);
- `ospod_worker_role()`: the OSPOD worker of ORP Kladno, a role of the matrices;
- `hostile_families()`: a contract of a provider named like a formula, so the families' exports meet hostile
  cells (tests/test_spreadsheet_safety.py);
- `ospod_scope(user)`: the records an OSPOD worker may change (their offices' requests and what hangs on them),
  for the hostile-input gate (tests/test_hostile_input.py).
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from families.access import log_access
from families.models import DeliveryReport, Notice, Offer, OspodAssignment, ServiceRequest
from tests.families.factories import (
    KLADNO,
    family_service,
    make_agreement,
    make_request,
    offer_data,
    ospod_worker,
    pass_deadline,
)
from tests.services.factories import ProviderFactory, make_provider_staff


def ospod_worker_role():
    return ospod_worker(KLADNO)


def _chain(built):
    """A request of the Kladno office with an offer, a partial contract and a delivery report (memoised)."""
    if "families.DeliveryReport" in built:
        return built
    provider = ProviderFactory()
    service = family_service(provider)
    agreement = make_agreement(provider, services=[service], number="RS/MATICE/1")
    staff = make_provider_staff(provider, verified=True)
    worker = built.get("families.OspodAssignment").user if "families.OspodAssignment" in built else ospod_worker()
    request = make_request(worker)
    offer = Offer.submit(request=request, agreement=agreement, by=staff, **offer_data(agreement))
    pass_deadline(request)
    contract = request.select(offer, by=worker)
    contract.starts_on = timezone.localdate().replace(day=1)
    contract.save(update_fields=["starts_on"])
    report = contract.report_delivery(month=contract.starts_on, units=Decimal(4), note="Čtyři hodiny.", by=staff)
    offer.refresh_from_db()
    request.refresh_from_db()
    built.update({"families.FrameworkAgreement": agreement, "families.ServiceRequest": request,
                  "families.Offer": offer, "families.PartialContract": contract, "families.DeliveryReport": report})
    return built


def builders() -> dict:
    return {
        "families.OspodAssignment": lambda built: OspodAssignment.objects.filter(user=ospod_worker()).get(),
        "families.FrameworkAgreement": lambda built: _chain(built)["families.FrameworkAgreement"],
        "families.ServiceRequest": lambda built: _chain(built)["families.ServiceRequest"],
        "families.Offer": lambda built: _chain(built)["families.Offer"],
        "families.PartialContract": lambda built: _chain(built)["families.PartialContract"],
        "families.DeliveryReport": lambda built: _chain(built)["families.DeliveryReport"],
        "families.RequestAccess": lambda built: _access(_chain(built)["families.ServiceRequest"]),
        "families.Notice": lambda built: Notice.objects.create(
            user=_chain(built)["families.ServiceRequest"].created_by,
            request=_chain(built)["families.ServiceRequest"], kind=Notice.Kind.NEW_OFFER),
    }


def _access(request):
    return log_access(request, request.created_by, role="office")


def hostile_families(hostile_names):
    """A framework agreement of each provider named like a formula (services.Provider "… poskytovatel"), a
    request answered by all of them and a contract numbered like a formula: the statistics per provider, the
    requests export and the agreements' admin export all carry hostile cells."""
    from services.models import Provider

    worker = ospod_worker()
    providers = list(Provider.objects.filter(name__endswith=" poskytovatel").order_by("pk"))
    agreements = []
    for index, provider in enumerate(providers):
        agreements.append(make_agreement(provider, number=f"{hostile_names[index % len(hostile_names)]} RS{index}",
                                         valid_from=timezone.localdate() - dt.timedelta(days=30)))
    request = make_request(worker)
    offers = [Offer.submit(request=request, agreement=agreement, by=None, **offer_data(agreement, service=None))
              for agreement in agreements]
    pass_deadline(request)
    request.select(offers[0], by=worker, number=hostile_names[0])
    return request


def ospod_scope(user) -> dict:
    """The rows an OSPOD worker may change: the requests of their offices (the rows hanging on them are reached
    by the gate's own hops: offers, contracts, delivery reports)."""
    offices = OspodAssignment.objects.filter(user=user).values("orp")
    return {"families.ServiceRequest": set(ServiceRequest.objects.filter(orp__in=offices)
                                           .values_list("pk", flat=True)),
            "families.DeliveryReport": set(DeliveryReport.objects.filter(contract__request__orp__in=offices)
                                           .values_list("pk", flat=True))}
