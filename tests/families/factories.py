"""Builders of the families' records: OSPOD workers, framework agreements, requests and the steps of the flow.
The home kraj is Středočeský (ORP Kladno 2109, Beroun 2102); "another kraj" is Jihomoravský (ORP Brno 6203)."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from families.models import Category, FrameworkAgreement, OspodAssignment, ServiceRequest
from services.models import ServiceType
from territory.models import Obec, Orp, home_kraj
from tests.accounts.factories import UserFactory
from tests.services.factories import ProviderFactory, make_provider_staff, make_service

KLADNO, BEROUN, BRNO = 2109, 2102, 6203
FIELD, COUNSELLING, RESIDENTIAL = Category.FIELD, Category.COUNSELLING, Category.RESIDENTIAL


def orp(code=KLADNO) -> Orp:
    return Orp.objects.select_related("kraj").get(pk=code)


def ospod_worker(code=KLADNO, **user_fields):
    """A person assigned to the OSPOD office of the ORP (the assignment gives the role)."""
    person = UserFactory(verified=True, **user_fields)
    OspodAssignment.objects.create(user=person, orp=orp(code))
    person.refresh_from_db()
    return person


def family_service(provider, *, number=28, code=KLADNO, name=None):
    """A registered service of a families' type (28 = § 65 SAS for families with children) of the provider."""
    obec = Obec.objects.filter(orp_id=code).order_by("-population").first()
    return make_service(provider=provider, obec=obec, forms=("ter",), unit="klient",
                        service_type=ServiceType.objects.get(code=f"DruhSocialniSluzby/{number}"),
                        name=name or f"Sanace rodiny {provider.name}")


def make_agreement(provider=None, *, category=FIELD, orps=(KLADNO,), kraj=None, services=(), number=None,
                   price_per_hour="500", price_per_day=None, price_per_intervention=None, ceiling=None,
                   valid_from=None, valid_to=None):
    provider = provider or ProviderFactory()
    today = timezone.localdate()
    agreement = FrameworkAgreement.objects.create(
        kraj=kraj or (orp(orps[0]).kraj if orps else home_kraj()),
        number=number or f"RS/{provider.pk}/{category[:12]}", category=category, provider=provider,
        valid_from=valid_from or today - dt.timedelta(days=365), valid_to=valid_to or today + dt.timedelta(days=365),
        price_per_hour=Decimal(price_per_hour) if price_per_hour else None,
        price_per_day=Decimal(price_per_day) if price_per_day else None,
        price_per_intervention=Decimal(price_per_intervention) if price_per_intervention else None,
        ceiling=Decimal(ceiling) if ceiling else None)
    agreement.orps.set(orps)
    agreement.services.set(services)
    return agreement


def provider_with_agreement(*, category=FIELD, orps=(KLADNO,), **agreement_fields):
    """(staff person, provider, agreement): a provider with a framework agreement in force and one staff member."""
    provider = ProviderFactory()
    service = family_service(provider, code=orps[0]) if orps else None
    agreement = make_agreement(provider, category=category, orps=orps, services=[service] if service else [],
                               **agreement_fields)
    return make_provider_staff(provider, verified=True), provider, agreement


def make_request(worker=None, *, code=KLADNO, category=FIELD, hours_left=48, **fields):
    """A request of the office posted now, taking offers for `hours_left` more hours."""
    now = timezone.now()
    values = {"orp": orp(code), "category": category, "case_code": "SPOD-2026/0117", "children_count": 2,
              "children_ages": "4, 9", "need": "Podpora rodičů v péči o domácnost a docházce dětí do školy.",
              "urgency": ServiceRequest.Urgency.STANDARD, "expected_scope": "dvě návštěvy týdně",
              "duration_months": 6, "preferred_start": timezone.localdate(now) + dt.timedelta(days=10),
              "offers_due": now + dt.timedelta(hours=hours_left), "created_by": worker}
    values.update(fields)
    return ServiceRequest.objects.create(**values)


def pass_deadline(request, *, hours=1):
    """The deadline for offers passed (as time would do)."""
    ServiceRequest.objects.filter(pk=request.pk).update(offers_due=timezone.now() - dt.timedelta(hours=hours))
    request.refresh_from_db()
    return request


def offer_data(agreement, **fields):
    data = {"service": agreement.services.first(), "start_on": timezone.localdate() + dt.timedelta(days=10),
            "unit": "hour", "units": Decimal(40), "unit_price": Decimal(480), "scope": "dvakrát týdně dvě hodiny",
            "approach": "Klíčová pracovnice, individuální plán s rodinou."}
    data.update(fields)
    return data


def coordinator_of(code=BRNO):
    person = UserFactory(regional_coordinator=True)
    person.coordinated_kraje.add(orp(code).kraj)
    return person
