"""The coordinator's dashboard in a real browser: a regional coordinator finds it in the menu, reads what
needs attention (axe: no violations) and follows a number to the admin list filtered to those records."""

import datetime as dt
import re

import pytest
from django.utils import timezone

from tests.browser import check_page, log_in
from tests.coalitions.factories import CoalitionFactory, TaskFactory
from tests.accounts.factories import PASSWORD, UserFactory
from territory.models import Kraj, home_kraj

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_coordinator_follows_a_number_to_the_filtered_list(page, live_server, axe_source):
    coordinator = UserFactory(regional_coordinator=True)
    coordinator.coordinated_kraje.add(home_kraj())
    coalition = CoalitionFactory(name="Koalice Kladensko")
    late = timezone.localdate() - dt.timedelta(days=5)
    TaskFactory(coalition=coalition, text="Poslat analýzu kapacit obcím", deadline=late)
    TaskFactory(coalition=coalition, text="Připravit jarní setkání")  # not overdue
    TaskFactory(coalition=CoalitionFactory(kraj=Kraj.objects.get(nuts3="CZ064")), text="Brněnský úkol",
                deadline=late)

    log_in(page, live_server, coordinator.email, PASSWORD)
    page.locator(".account-nav a:visible", has_text="Koordinátor").or_(
        page.locator(".account-nav a[href$='/koordinace/']:visible")).first.click()
    page.wait_for_url(re.compile(r"/cs/koordinace/$"))
    check_page(page, axe_source)
    overdue = page.locator("#attention-overdue_tasks a")
    assert overdue.locator(".dashboard-count").inner_text() == "1"

    overdue.click()
    page.wait_for_url(re.compile(r"/cs/admin/coalitions/task/\?overdue=yes$"))
    results = page.locator("#result_list tbody")
    assert "Poslat analýzu kapacit obcím" in results.inner_text()
    assert "Připravit jarní setkání" not in results.inner_text()
    assert "Brněnský úkol" not in results.inner_text()
