"""Meetings and minutes in a real browser: a member registers and gets the confirmation; a coordinator writes
minutes, sends them for comments, approves them and reads the history. Every page passes axe."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from coalitions.models import Minutes, Registration
from tests.coalitions.factories import AgendaItemFactory, CoalitionFactory, MeetingFactory, MembershipFactory
from tests.accounts.factories import PASSWORD
from tests.browser import check_page, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_member_registers_and_gets_the_confirmation(page, live_server, axe_source,
                                                       mailoutbox):
    coalition = CoalitionFactory(name="Koalice Kladensko", slug="kladensko")
    person = MembershipFactory(coalition=coalition).person
    meeting = MeetingFactory(coalition=coalition, title="Setkání o dluzích", number=3, series_total=6,
                             capacity=20)
    AgendaItemFactory(meeting=meeting, order=1, kind="educational", title="Dluhová past",
                      speaker="Mgr. Eva Malá", starts_at=dt.time(9, 0), ends_at=dt.time(10, 30),
                      description="Jak **pomoci** klientům.")
    AgendaItemFactory(meeting=meeting, order=2, kind="consultation", title="Kazuistiky")

    log_in(page, live_server, person.email, PASSWORD)
    page.goto(f"{live_server.url}/cs/koalice/kladensko/setkani/{meeting.pk}/")
    check_page(page, axe_source, h1="Setkání o dluzích")

    page.locator("button[name=action][value=register]").click()
    page.wait_for_load_state()
    check_page(page, axe_source, h1="Setkání o dluzích")  # with the confirmation message and the new buttons
    assert page.locator("button[name=action][value=cancel]").is_visible()
    assert Registration.objects.get(meeting=meeting, person=person).status == "registered"
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [person.email]
    assert "Setkání o dluzích" in mailoutbox[0].subject
    assert mailoutbox[0].attachments[0][0].endswith(".ics")


def test_a_coordinator_writes_approves_and_reviews_minutes(page, live_server, axe_source,
                                                           mailoutbox):
    coalition = CoalitionFactory(name="Koalice Kladensko", slug="kladensko")
    coordinator = MembershipFactory(coalition=coalition, role="coordinator").person
    MembershipFactory(coalition=coalition)
    past = timezone.now() - dt.timedelta(days=2)
    meeting = MeetingFactory(coalition=coalition, title="Třetí setkání", starts_at=past,
                             ends_at=past + dt.timedelta(hours=2))
    AgendaItemFactory(meeting=meeting, order=1, kind="lecture", title="Kapacity pobytových služeb")
    minutes_url = f"{live_server.url}/cs/koalice/kladensko/setkani/{meeting.pk}/zapis/"

    log_in(page, live_server, coordinator.email, PASSWORD)
    page.goto(minutes_url)
    check_page(page, axe_source)
    text = page.locator("#id_text")
    assert text.input_value().startswith("## Kapacity pobytových služeb")
    text.fill("## Kapacity pobytových služeb\n\nKoalice projednala kapacity.\n\nZávěr bez usnesení.")
    page.locator(".minutes-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/zapis/$"))
    text.fill("## Kapacity pobytových služeb\n\nKoalice projednala volné kapacity v ORP Kladno.\n\n"
              "Závěr bez usnesení.")
    page.locator(".minutes-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/zapis/$"))

    page.locator(".minutes-status button[type=submit]").click()  # for comments
    page.wait_for_url(re.compile(r"/zapis/$"))
    assert Minutes.objects.get(meeting=meeting).status == "comments"
    check_page(page, axe_source)
    page.locator(".minutes-status button[type=submit]").click()  # approve
    page.wait_for_url(re.compile(r"/zapis/$"))
    minutes = Minutes.objects.get(meeting=meeting)
    assert minutes.status == "approved" and minutes.approved_by == coordinator
    assert page.locator("#id_text").count() == 0  # frozen
    check_page(page, axe_source)
    assert len(mailoutbox) == 4  # two members, told twice

    page.locator("main a[href$='/zapis/historie/']").first.click()
    page.wait_for_url(re.compile(r"/zapis/historie/$"))
    check_page(page, axe_source)
    assert page.locator(".minutes-version").count() == 4  # two texts, two status changes
    assert page.locator(".diff ins", has_text="volné").count() == 1
    assert page.locator(".diff ins", has_text="ORP Kladno").count() == 1
    assert coordinator.public_name in page.locator("main").inner_text()

    # The approved minutes on the meeting page, with the decisions section absent but the status shown.
    page.goto(f"{live_server.url}/cs/koalice/kladensko/setkani/{meeting.pk}/")
    check_page(page, axe_source, h1="Třetí setkání")
    assert "volné kapacity v ORP Kladno" in page.locator("main").inner_text()
