"""The kraj's coordinators in the administration: framework agreements (scoped to their kraj, checked against
the provider and the kraj, imported and exported as CSV/XLSX) and OSPOD workers (the assignment gives the role)."""

import csv
import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse as _reverse
from django.utils import translation

from accounts import roles
from families.models import FrameworkAgreement, OspodAssignment
from tests.accounts.factories import UserFactory
from tests.families.factories import BRNO, KLADNO, family_service, make_agreement
from tests.services.factories import ProviderFactory

pytestmark = pytest.mark.django_db

CSV = 0


def reverse(name, *args, **kwargs):
    """The English admin, so the messages can be read in the test."""
    with translation.override("en"):
        return _reverse(name, *args, **kwargs)


HEADER = ("kraj,number,category,provider,services,orps,valid_from,valid_to,price_per_hour,price_per_day,"
          "price_per_intervention,ceiling,note\n")


@pytest.fixture
def provider():
    provider = ProviderFactory()
    family_service(provider)
    return provider


def _upload(client, content):
    return client.post(reverse("admin:families_frameworkagreement_import"), {
        "format": CSV, "resource": 0, "import_file": SimpleUploadedFile("smlouvy.csv", content)})


def _confirm(client, preview):
    return client.post(reverse("admin:families_frameworkagreement_process_import"),
                       preview.context["confirm_form"].initial)


def test_a_good_file_is_previewed_then_saved(client, coordinator, provider):
    service = provider.services.get()
    client.force_login(coordinator)
    content = (HEADER + f"CZ020,RS/2026/01,rodiny-terenni-ambulantni,{provider.ico},{service.registry_id},"
                        f"\"{KLADNO}, 2102\",2026-01-01,2027-12-31,520,,,1500000,\n").encode()
    preview = _upload(client, content)
    assert preview.status_code == 200 and not FrameworkAgreement.objects.exists()
    assert _confirm(client, preview).status_code == 302
    agreement = FrameworkAgreement.objects.get()
    assert (agreement.number, agreement.provider, agreement.price_per_hour) == ("RS/2026/01", provider, 520)
    assert set(agreement.orps.values_list("pk", flat=True)) == {KLADNO, 2102}
    assert list(agreement.services.all()) == [service]


@pytest.mark.parametrize("row, message", [
    ("CZ064,RS/1,rodiny-pobytove,{ico},,6203,2026-01-01,,,2000,,,", "not one of the kraje you coordinate"),
    ("CZ020,RS/1,rodiny-pobytove,{ico},,6203,2026-01-01,,,2000,,,", "No ORP 6203 in your region"),
    ("CZ020,RS/1,rodiny-pobytove,{ico},,2109,2026-01-01,,,,,,", "at least one unit price"),
    ("CZ020,RS/1,rodiny-pobytove,{ico},,,2026-01-01,,,2000,,,", "at least one ORP"),
    ("CZ020,RS/1,rodiny-pobytove,{ico},{other},2109,2026-01-01,,,2000,,,", "provider's own services"),
    ("CZ020,RS/1,rodiny,{ico},,2109,2026-01-01,,,2000,,,", "is not one of"),
    ("CZ020,RS/1,rodiny-pobytove,{ico},,2109,2026-01-01,2025-01-01,,2000,,,", "validity"),
    ("CZ020,RS/1,rodiny-pobytove,{ico},,2109,2026-01-01,,,2000,,,tel. 603 123 456", "a phone number"),
])
def test_a_bad_row_is_reported_and_nothing_is_saved(client, coordinator, provider, row, message):
    other = family_service(ProviderFactory())
    client.force_login(coordinator)
    good = f"CZ020,RS/0,rodiny-terenni-ambulantni,{provider.ico},,2109,2026-01-01,,500,,,,\n"
    preview = _upload(client, (HEADER + good + row.format(ico=provider.ico, other=other.registry_id) + "\n")
                      .encode())
    html = preview.content.decode().replace("&#x27;", "'").replace("&quot;", '"')
    assert message in html or message.lower() in html.lower(), html[html.find("error"):][:3000]
    assert "confirm_form" not in (preview.context or {}) or preview.context.get("confirm_form") is None
    assert not FrameworkAgreement.objects.exists()


def test_the_export_is_the_coordinators_kraj_only(client, coordinator, provider):
    mine = make_agreement(provider, number="RS/MOJE")
    make_agreement(ProviderFactory(), orps=(BRNO,), number="RS/BRNO")
    client.force_login(coordinator)
    response = client.post(reverse("admin:families_frameworkagreement_export"), {
        "format": CSV, "resource": 0,
        **{f"frameworkagreementresource_{name}": "on" for name in (
            "kraj", "number", "category", "provider", "provider_name", "services", "orps", "valid_from",
            "valid_to", "price_per_hour", "price_per_day", "price_per_intervention", "ceiling", "note")}})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    numbers = [row[1] for row in rows[1:]]
    assert numbers == [mine.number]
    assert rows[1][3] == provider.ico and rows[1][6] == str(KLADNO)


def test_the_admin_form_checks_the_services_and_the_territory(client, coordinator, provider):
    other = family_service(ProviderFactory())
    client.force_login(coordinator)
    data = {"kraj": 3026, "number": "RS/9", "category": "rodiny-terenni-ambulantni", "provider": provider.pk,
            "services": str(other.pk), "orps": [KLADNO], "valid_from": "2026-01-01", "price_per_hour": "500"}
    response = client.post(reverse("admin:families_frameworkagreement_add"), data)
    assert response.status_code == 400 and "provider" in response.content.decode()
    data.pop("services")
    response = client.post(reverse("admin:families_frameworkagreement_add"), {**data, "orps": [BRNO]})
    assert response.status_code == 400  # Brno is not among the coordinator's choices
    response = client.post(reverse("admin:families_frameworkagreement_add"), data)
    assert response.status_code == 302, re.findall(r'class="errorlist[^>]*>(.*?)</ul>', response.content.decode())
    assert FrameworkAgreement.objects.get().history.count() == 1


def test_an_assignment_gives_the_role_and_its_removal_takes_it_back(client, coordinator):
    person = UserFactory(verified=True)
    client.force_login(coordinator)
    response = client.post(reverse("admin:families_ospodassignment_add"), {"user": person.pk, "orp": KLADNO})
    assert response.status_code == 302
    assignment = OspodAssignment.objects.get()
    assert assignment.assigned_by == coordinator and person.has_role(roles.OSPOD_WORKER)
    person.refresh_from_db()
    assert not person.is_staff  # OSPOD works on the site, not in the administration
    response = client.post(reverse("admin:families_ospodassignment_add"), {"user": person.pk, "orp": BRNO})
    assert response.status_code == 400  # another kraj's office
    client.post(reverse("admin:families_ospodassignment_changelist"),
                {"action": "delete_selected", "_selected_action": [assignment.pk], "post": "yes"})
    person.refresh_from_db()
    assert not OspodAssignment.objects.exists() and not person.has_role(roles.OSPOD_WORKER)
