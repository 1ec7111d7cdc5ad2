"""What the families app adds to other pages and its typology: the profile's links per role, the ORP profile's
link to the minimal network for families, the typology with registry services a coordinator may invite."""

import pytest
from django.urls import reverse

from families.models import Category
from tests.families.factories import family_service, make_agreement, ospod_worker, provider_with_agreement
from tests.services.factories import ProviderFactory

pytestmark = pytest.mark.django_db


def test_the_profile_shows_each_role_its_pages(client, coordinator):
    worker = ospod_worker()
    staff, _provider, _agreement = provider_with_agreement()
    for person, present, absent in ((worker, "families:requests", "families:open-requests"),
                                    (staff, "families:open-requests", "families:request-create"),
                                    (coordinator, "families:typology", "families:open-requests")):
        client.force_login(person)
        html = client.get(reverse("accounts:profile")).content.decode()
        assert reverse(present) in html and reverse(absent) not in html


def test_the_orp_profile_links_the_minimal_network_for_families(client):
    html = client.get(reverse("services:orp-profile", args=[2109, "kladno"])).content.decode()
    assert reverse("families:minimal-network") + "?kraj=3026" in html


def test_the_typology_maps_categories_and_suggests_services_to_coordinators(client, coordinator):
    invited = family_service(ProviderFactory(name="Rodinné centrum Zvonek, z. ú."), name="SAS Zvonek")
    named = family_service(ProviderFactory(name="Charita Slaný"), name="SAS Slaný")
    make_agreement(named.provider, services=[named])
    url = reverse("families:typology")
    public = client.get(url).content.decode()
    assert "§ 65" in public and "§ 48" in public  # the registry type and a service outside the registry
    assert "SAS Zvonek" not in public  # suggestions only for coordinators
    client.force_login(coordinator)
    response = client.get(url)
    field = next(entry for entry in response.context["categories"] if entry["category"] == Category.FIELD)
    marks = {service.name: service.in_agreement for service in field["suggestions"]}
    assert marks == {"SAS Zvonek": False, "SAS Slaný": True}
    assert invited.provider.name in response.content.decode()
