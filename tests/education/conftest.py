"""The cast of education's tests: a provider with a service, its main contact (provider staff), an education
manager and a social worker linked to it, a provider of another organisation, the kraj's quality methodologist, and
a programme with an organiser."""

from types import SimpleNamespace

import pytest

from tests.accounts.factories import UserFactory
from tests.education.factories import make_methodologist, make_programme, make_worker
from tests.services.factories import make_provider_staff, make_service


@pytest.fixture
def world(db):
    service = make_service(name="Domov Kladno")
    provider = service.provider
    other_service = make_service(name="Domov Jinde")
    organiser = UserFactory(verified=True, display_name="Olga Organizátorka")
    programme = make_programme(title="Individuální plánování v praxi", hours=8, standards=[5],
                               topics=("individual-planning",))
    programme.managers.add(organiser)
    return SimpleNamespace(
        service=service, provider=provider, main_contact=make_provider_staff(provider),
        manager=make_worker(provider, role_code="management", manager=True).person,
        worker=make_worker(provider, service=service).person,
        other_provider=other_service.provider, other_staff=make_provider_staff(other_service.provider),
        methodologist=make_methodologist(), organiser=organiser, programme=programme,
    )
