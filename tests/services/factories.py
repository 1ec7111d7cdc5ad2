"""factory_boy factories of the registry (services): providers, services with their forms, capacities and
facilities, provider staff."""

import datetime

import factory

from services.models import ServiceType
from territory.models import Obec
from tests.accounts.factories import UserFactory



def valid_ico(n: int) -> str:
    """An IČO with a correct mod-11 check digit, from a sequence number."""
    body = f"{(n * 7919 + 1000003) % 10_000_000:07d}"
    total = sum(int(d) * w for d, w in zip(body, range(8, 1, -1), strict=True))
    return body + str((11 - total % 11) % 10)


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "services.Provider"

    ico = factory.Sequence(valid_ico)
    name = factory.Sequence(lambda n: f"Charita vzorová {n}, z. ú.")
    obec = factory.LazyFunction(lambda: Obec.objects.get(pk=532053))  # Kladno
    address = "Náměstí Starosty Pavla 44, 272 01 Kladno"
    web = factory.Sequence(lambda n: f"https://charita{n}.example.cz")
    email = factory.Sequence(lambda n: f"info@charita{n}.example.cz")
    phone = "+420 312 000 000"


class ServiceFactory(factory.django.DjangoModelFactory):
    """A bare active service (no facility, form or capacity: use `make_service` for a complete one)."""

    class Meta:
        model = "services.Service"

    registry_id = factory.Sequence(lambda n: f"{9000000 + n}")
    provider = factory.SubFactory(ProviderFactory)
    service_type = factory.LazyFunction(lambda: ServiceType.objects.get(code="DruhSocialniSluzby/13"))
    name = factory.Sequence(lambda n: f"Domov pro seniory Vzorov {n}")
    description = "Pobytová služba pro seniory, kteří potřebují pravidelnou pomoc jiné osoby."
    how_to_get = "Žádost podejte sociální pracovnici domova."
    valid_from = datetime.date(2010, 1, 1)


def make_service(*, forms=("pob",), obec=None, capacity=20, unit="luzka", free_places=None, waiting_list=0,
                 as_of=None, target_groups=(), **fields):
    """A complete service: one facility in `obec` (Kladno by default), its forms with a registered capacity
    each, and (with `free_places`) a capacity report of the first form."""
    from services.models import CapacityReport, Facility, RegisteredCapacity, ServiceForm, TargetGroup

    service = ServiceFactory(**fields)
    obec = obec or Obec.objects.get(pk=532053)
    for form in forms:
        ServiceForm.objects.create(service=service, form=form, nonstop=form == "pob")
        RegisteredCapacity.objects.create(service=service, form=form, unit=unit, maximum=capacity)
    Facility.objects.create(service=service, name=service.name, obec=obec, address="Vzorová 1", postcode="27201",
                            forms=" ".join(forms))
    if target_groups:
        service.target_groups.set(TargetGroup.objects.filter(code__in=target_groups))
    if free_places is not None:
        CapacityReport.record(service=service, form=forms[0], unit=unit, free_places=free_places,
                              waiting_list=waiting_list, as_of=as_of)
    service.update_search_text()
    service.assign_orp()
    service.refresh_from_db()
    return service


def make_provider_staff(provider=None, **user_fields):
    """A person linked to `provider` (a new one by default) as its staff, in the provider-staff group."""
    from services.models import ProviderStaff

    person = UserFactory(**user_fields)
    ProviderStaff.objects.create(provider=provider or ProviderFactory(), user=person)
    ProviderStaff.sync_role(person)
    return person
