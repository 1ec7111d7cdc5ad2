"""Audits and their corrective actions: overdue actions on the coordinators' dashboard (counted in their kraj,
linked to the same rows), the provider's own view, and the public summary only of audits marked public."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from network.models import CorrectiveAction
from territory.models import Obec
from tests.network.factories import make_audit
from tests.services.factories import ProviderFactory, make_provider_staff, make_service

pytestmark = pytest.mark.django_db
OPEN, DONE = CorrectiveAction.State.OPEN, CorrectiveAction.State.DONE


@pytest.fixture
def audits(db):
    today = timezone.localdate()
    home = make_service(name="Domov U Lípy")
    make_audit(home, actions=[("Doplnit individuální plány", today - dt.timedelta(days=5), OPEN),
                              ("Upravit pravidla pro stížnosti", today - dt.timedelta(days=9),
                               CorrectiveAction.State.IN_PROGRESS),
                              ("Proškolit pracovníky", today - dt.timedelta(days=20), DONE),
                              ("Opravit nouzové postupy", today + dt.timedelta(days=20), OPEN)])
    brno = Obec.objects.get(pk=582786)
    foreign = make_service(name="Domov Brno", obec=brno, provider=ProviderFactory(obec=brno))
    make_audit(foreign, actions=[("Cizí úkol", today - dt.timedelta(days=5), OPEN)])
    return home


def test_overdue_actions_are_counted_and_linked_on_the_dashboard(client, coordinator, audits):
    client.force_login(coordinator)
    response = client.get(reverse("portal:dashboard"))
    text = response.content.decode()
    match = re.search(r'id="attention-overdue-actions".*?href="([^"]+)".*?(\d+)', text, re.DOTALL)
    assert match, "the dashboard shows the overdue corrective actions"
    url, count = match.group(1).replace("&amp;", "&"), int(match.group(2))
    assert count == 2
    listing = client.get(url)
    assert listing.status_code == 200
    assert listing.context["cl"].result_count == 2


def test_the_other_region_sees_only_its_own(client, other_region_coordinator, audits):
    from network.dashboard import attention_items

    kraje = list(other_region_coordinator.coordinated_kraje.values_list("pk", flat=True))
    assert attention_items(other_region_coordinator, kraje)[0].count == 0


def test_the_coordinators_network_page_lists_them(client, coordinator, audits):
    client.force_login(coordinator)
    overdue = client.get(reverse("network:overview")).context["overdue"]
    assert [a.description for a in overdue] == ["Upravit pravidla pro stížnosti", "Doplnit individuální plány"]


def test_the_provider_sees_its_own_actions_only(client, audits):
    staff = make_provider_staff(audits.provider)
    client.force_login(staff)
    text = client.get(reverse("network:my-figures")).content.decode()
    assert "Doplnit individuální plány" in text and "Opravit nouzové postupy" in text
    assert "Proškolit pracovníky" not in text  # done
    assert "Cizí úkol" not in text


def test_the_public_sees_only_what_the_kraj_marked_public(client, audits):
    audit = audits.audits.get()
    text = client.get(audits.get_absolute_url()).content.decode()
    assert "Inspekce" not in text and "Doplnit" not in text
    audit.is_public, audit.serious_findings = True, False
    audit.save()
    text = client.get(audits.get_absolute_url()).content.decode()
    assert "bez závažných zjištění" in text or "no serious findings" in text
    assert "Doplnit individuální plány" not in text  # the findings and actions stay internal


def test_marking_an_action_done_records_the_day(audits):
    action = CorrectiveAction.objects.overdue().first()
    action.mark_done()
    assert action.state == DONE and action.done_on == timezone.localdate()
    assert not CorrectiveAction.objects.overdue().filter(pk=action.pk).exists()
