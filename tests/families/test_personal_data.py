"""The personal-data check of the free text: birth numbers, e-mails and phone numbers are refused with a message
that says what was found (never echoing it back), in the forms and on the models (the admin's and imports'
door); ordinary text with numbers passes."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse as _reverse
from django.utils import translation

from families.models import ServiceRequest
from families.personal_data import personal_data_found, reject_personal_data
from tests.families.factories import make_request, ospod_worker
from tests.families.test_flow import request_form

pytestmark = pytest.mark.django_db


def reverse(name, *args, **kwargs):
    """English pages, so the messages can be read in the test."""
    with translation.override("en"):
        return _reverse(name, *args, **kwargs)


@pytest.mark.parametrize("text, found", [
    ("Matka, r. č. 855612/1234, potřebuje pomoc.", ["birth_number"]),
    ("rodné číslo 8556121234", ["birth_number"]),
    ("RČ 455203/123 (babička)", ["birth_number"]),  # born 1945: three digits after the slash
    ("syn 1504011234 chodí do školy", ["birth_number"]),  # a boy born 2015 (month +0), number since 1954
    ("dcera 126221/7712", ["birth_number"]),  # month + 70 (numbers issued since 2004, women)
    ("kontakt jana.novakova@seznam.cz", ["email"]),
    ("volejte 603 123 456", ["phone"]),
    ("tel. +420 603123456", ["phone"]),
    ("tel. 00420 777-888-999", ["phone"]),
    ("babička na Slovensku +421 905 123 456", ["phone"]),
    ("mobil 603123456", ["phone"]),
    ("r. č. 855612/1234, e-mail otec@example.cz, tel. 777 123 456", ["birth_number", "email", "phone"]),
])
def test_it_finds_personal_data(text, found):
    assert personal_data_found(text) == found
    with pytest.raises(ValidationError) as error:
        reject_personal_data(text)
    message = error.value.messages[0]
    assert "1234" not in message and "@" not in message and "603" not in message  # nothing echoed back


@pytest.mark.parametrize("text", [
    "Rodina se třemi dětmi (2, 7 a 12 let), dvě návštěvy týdně po 2 hodinách, 6 měsíců.",
    "Spis SPOD-2026/0117, rozhodnutí soudu ze 4. 3. 2026.",
    "Kapacita 150 000 Kč na půl roku, 40 hodin.",
    "Dluhy kolem 120000 Kč, splátkový kalendář od 1. 9. 2026.",
    "Číslo jednací MUKL 12345/2026",
    "",
])
def test_ordinary_text_passes(text):
    assert personal_data_found(text) == []
    reject_personal_data(text)


def test_the_request_form_warns_and_refuses_a_birth_number(client):
    worker = ospod_worker()
    client.force_login(worker)
    page = client.get(reverse("families:request-create")).content.decode()
    assert "personal-data-warning" in page and "birth numbers" in page  # the warning before anything is typed
    response = client.post(reverse("families:request-create"),
                           request_form(need="Matka Jana Nováková, r. č. 855612/1234, potřebuje pomoc."))
    assert response.status_code == 400
    html = response.content.decode()
    assert "seems to contain a birth number" in html
    assert not ServiceRequest.objects.exists()
    for field, value in (("case_code", "855612/1234"), ("expected_scope", "volat 603 123 456"),
                         ("need", "pište na matka@example.cz")):
        response = client.post(reverse("families:request-create"), request_form(**{field: value}))
        assert response.status_code == 400, field
    assert not ServiceRequest.objects.exists()


def test_the_model_refuses_it_whatever_the_door(db):
    request = make_request(ospod_worker())
    request.need = "Otec, tel. 777 123 456, nespolupracuje."
    with pytest.raises(ValidationError) as error:
        request.full_clean()
    assert "need" in error.value.message_dict


def test_offer_and_closure_text_are_checked_too(client):
    from tests.families.factories import offer_data, pass_deadline, provider_with_agreement
    from tests.families.test_flow import offer_form

    worker = ospod_worker()
    staff, _provider, agreement = provider_with_agreement()
    request = make_request(worker)
    client.force_login(staff)
    response = client.post(reverse("families:offer-create", args=[request.pk]),
                           offer_form(agreement, approach="Zavoláme matce na 603 123 456."))
    assert response.status_code == 400 and "a phone number" in response.content.decode()
    from families.models import Offer

    offer = Offer.submit(request=request, agreement=agreement, by=staff, **offer_data(agreement))
    pass_deadline(request)
    contract = request.select(offer, by=worker)
    response = client.post(reverse("families:closure-report", args=[contract.pk]),
                           {"outcome": "partly", "reason": "Matka (r. č. 855612/1234) přestala docházet."})
    assert response.status_code == 400
    contract.refresh_from_db()
    assert contract.closure_reported_at is None
