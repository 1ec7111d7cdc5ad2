"""The coalition admin in a real browser: the changelists and change forms a coordinator works in every day
(coalitions, meetings with their agenda, members, attendance, documents) and the member import and export
pass axe under the portal's CSP."""

import pytest

from territory.models import home_kraj
from tests.accounts.factories import PASSWORD, UserFactory
from tests.browser import assert_no_axe_violations, assert_no_console_problems, log_in
from tests.coalitions.factories import (
    AgendaItemFactory,
    CoalitionFactory,
    DocumentFactory,
    MeetingFactory,
    MembershipFactory,
    MinutesFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_coalition_admin_pages_pass_axe(page, live_server, axe_source):
    coordinator = UserFactory(regional_coordinator=True)
    coordinator.coordinated_kraje.add(home_kraj())
    coalition = CoalitionFactory(name="Koalice Kladensko")
    membership = MembershipFactory(coalition=coalition)
    meeting = MeetingFactory(coalition=coalition, title="Setkání o bydlení")
    AgendaItemFactory(meeting=meeting, title="Sociální bydlení v ORP Kladno")
    document = DocumentFactory(coalition=coalition)
    minutes = MinutesFactory(meeting=meeting, status="approved")  # read-only, with the "reopen" button
    admin = f"{live_server.url}/cs/admin/coalitions"
    log_in(page, live_server, coordinator.email, PASSWORD)
    for url in (f"{admin}/coalition/", f"{admin}/coalition/{coalition.pk}/change/",
                f"{admin}/meeting/", f"{admin}/meeting/{meeting.pk}/change/",
                f"{admin}/membership/", f"{admin}/membership/{membership.pk}/change/",
                f"{admin}/membership/import/", f"{admin}/membership/export/", f"{admin}/registration/",
                f"{admin}/document/", f"{admin}/document/{document.pk}/change/",
                f"{admin}/minutes/", f"{admin}/minutes/{minutes.pk}/change/",
                f"{admin}/minutes/{minutes.pk}/workflow/reopen/"):
        page.goto(url)
        assert page.locator("h1").count() == 1, url
        assert_no_axe_violations(page, axe_source)
        assert_no_console_problems(page)
