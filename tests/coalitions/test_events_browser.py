"""Events calendar in a real browser: list → month view → event page → register; axe on each page."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from coalitions.models import EventRegistration
from tests.coalitions.factories import EventFactory, MeetingFactory
from tests.accounts.factories import PASSWORD, UserFactory
from tests.browser import check_page, log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_events_list_month_detail_and_registration(page, live_server, axe_source):
    soon = (timezone.now() + dt.timedelta(days=3)).replace(hour=9, minute=30, second=0, microsecond=0)
    event = EventFactory(title="Veletrh sociálních služeb", kind="fair", starts_at=soon,
                         ends_at=soon + dt.timedelta(hours=6), registration_on_portal=True, capacity=30)
    MeetingFactory(title="Setkání koalice", starts_at=soon + dt.timedelta(hours=1),
                   ends_at=soon + dt.timedelta(hours=3))
    person = UserFactory(email="ucastnice@example.cz")

    page.goto(f"{live_server.url}/cs/akce/")
    check_page(page, axe_source, h1="Setkání a akce")
    page.get_by_role("link", name="Měsíční přehled").click()
    page.wait_for_url(re.compile(r"/cs/akce/\d{4}/\d{1,2}/$"))
    if not page.get_by_role("link", name=re.compile("Veletrh sociálních služeb")).count():
        page.get_by_role("link", name="Následující měsíc").click()  # the event falls into next month
    check_page(page, axe_source, h1="Kalendář")
    assert page.get_by_role("link", name=re.compile("Setkání koalice")).count() == 1
    page.get_by_role("link", name=re.compile("Veletrh sociálních služeb")).click()
    page.wait_for_url(re.compile(re.escape(event.get_absolute_url()) + "$"))
    check_page(page, axe_source, h1="Veletrh sociálních služeb")

    log_in(page, live_server, person.email, PASSWORD)
    page.goto(f"{live_server.url}{event.get_absolute_url()}")
    page.get_by_role("button", name="Přihlásit se").click()
    page.wait_for_load_state()
    assert "Jste přihlášeni" in page.content()
    check_page(page, axe_source)
    assert EventRegistration.objects.filter(event=event, person=person).count() == 1
