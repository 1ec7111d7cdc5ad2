"""The offers board in a real browser: a professional posts a request, a visitor filters the board,
opens the item and writes to the author; axe on every page kind of the board."""

import re

import pytest
from django.core import mail
from django.utils import timezone

from discussions.models import ForumProfile
from discussions.offers.models import Offer
from tests.accounts.factories import PASSWORD, UserFactory
from tests.browser import check_page, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_post_filter_and_contact(page, live_server, axe_source):
    author = UserFactory(email="socialni.pracovnice@example.cz", verified=True, organisation="Město Kladno")
    ForumProfile.objects.create(user=author, accepted_rules_at=timezone.now())

    log_in(page, live_server, author.email, PASSWORD)
    page.goto(f"{live_server.url}/en/forum/offers/")
    check_page(page, axe_source, h1="Offers and requests")
    page.get_by_role("link", name="Add an offer or request").click()
    check_page(page, axe_source, h1="Add an offer or request")
    page.get_by_label("Request").check()
    page.get_by_label("Topic").select_option("volunteering")
    page.get_by_label("Title").fill("Dobrovolníci na doprovody seniorů")
    page.get_by_label("Text").fill("Hledáme **dobrovolníky** na doprovody k lékaři.")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/en/forum/offers/\d+-dobrovolnici"))
    check_page(page, axe_source, h1="Dobrovolníci na doprovody seniorů")
    offer = Offer.objects.get()
    assert offer.author == author and offer.kind == "request"
    page.goto(f"{live_server.url}/en/forum/offers/mine/")
    check_page(page, axe_source, h1="My offers and requests")
    page.context.clear_cookies()

    page.goto(f"{live_server.url}/en/forum/offers/")
    page.get_by_label("Offers or requests").select_option("offer")
    page.get_by_role("button", name="Show").click()
    assert page.get_by_role("link", name="Dobrovolníci na doprovody seniorů").count() == 0
    page.get_by_label("Offers or requests").select_option("request")
    page.get_by_role("button", name="Show").click()
    page.get_by_role("link", name="Dobrovolníci na doprovody seniorů").click()
    check_page(page, axe_source)
    assert "socialni.pracovnice@example.cz" not in page.content()
    page.get_by_label("Your name").fill("Petr Novák")
    page.get_by_label("Your e-mail").fill("petr@example.cz")
    page.get_by_label("Message").fill("Rád pomohu ve čtvrtek.")
    page.get_by_role("button", name="Send").click()
    page.wait_for_load_state()
    assert "Your message has been sent" in page.content()
    assert mail.outbox[-1].to == [author.email] and mail.outbox[-1].reply_to == ["petr@example.cz"]
