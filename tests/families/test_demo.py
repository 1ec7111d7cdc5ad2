"""The demo data: two kraje at the pilot's scale, every ORP covered in every category, demo logins that show
the flow (the OSPOD worker has offers to choose from, the demo provider requests to offer on), first history
versions, no personal data in any free text."""

import pytest
from django.core.management import call_command

from accounts.models import User
from families import permissions
from families.models import Category, FrameworkAgreement, Offer, PartialContract, ServiceRequest
from families.personal_data import personal_data_found
from territory.models import Orp

pytestmark = pytest.mark.django_db


def test_the_demo_data_set(client):
    call_command("seed_demo", allow_production=True, verbosity=0)
    assert 390 <= PartialContract.objects.count() <= 400 and ServiceRequest.objects.count() > 420
    kraje = set(ServiceRequest.objects.values_list("orp__kraj", flat=True).distinct())
    assert len(kraje) == 2
    in_force = FrameworkAgreement.objects.in_force()
    for orp in Orp.objects.filter(kraj__in=kraje):
        for category in Category.values:
            assert in_force.covering(category, orp.pk).exists(), (orp.name, category)
    # Offers stay within their agreements' prices.
    for offer in Offer.objects.select_related("agreement"):
        assert offer.unit_price <= offer.agreement.price_for(offer.unit)
    # Contracts never exceed the agreements' ceilings.
    for agreement in FrameworkAgreement.objects.exclude(ceiling=None):
        assert agreement.contracted() <= agreement.ceiling
    # The demo logins show the flow.
    worker = User.objects.get(email="ospod@demo.invalid")
    assert permissions.office_requests(worker).awaiting_choice().count() >= 3
    staff = User.objects.get(email="poskytovatel@demo.invalid")
    assert permissions.open_requests_for(staff).count() >= 2
    client.force_login(worker)
    assert client.get("/cs/rodiny/poptavky/").status_code == 200
    # Every record has its first version; no free text carries personal data.
    for model in (ServiceRequest, Offer, PartialContract, FrameworkAgreement):
        assert model.history.count() >= model.objects.count()
    for request in ServiceRequest.objects.all():
        assert not any(personal_data_found(getattr(request, name)) for name in ServiceRequest.FREE_TEXT)
    # The oldest finished requests already keep only their statistics (the retention period).
    assert ServiceRequest.objects.filter(redacted_at__isnull=False).exists()
