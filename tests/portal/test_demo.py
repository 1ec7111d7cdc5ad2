"""The demo data set passes the portal's own validation, so the quick start shows nothing impossible."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from discussions.models import Post, Thread
from discussions.offers.models import Offer
from services.models import Provider, validate_ico

pytestmark = pytest.mark.django_db


def test_demo_data_set_is_valid_and_complete():
    call_command("seed_demo", allow_production=True, verbosity=0)
    for ico in Provider.objects.values_list("ico", flat=True):
        validate_ico(ico)  # raises on a wrong check digit
    assert Thread.objects.exists() and Post.objects.exists()
    assert Offer.objects.current().exists()
    assert Offer.objects.exclude(pk__in=Offer.objects.current()).exists()  # expired and resolved ones kept


def test_demo_data_obeys_the_rules_a_real_portal_would():
    """Seen on the first visits: a meeting on a Sunday, spam by a regional-authority employee, a coalition
    "meeting six times" with four meetings, a regional coordinator working for a Charita, 9,419 reports waiting."""
    from accounts.models import User
    from coalitions.demo import FIXED_HOLIDAYS, TIMES
    from coalitions.models import Coalition, Event, Meeting
    from discussions.models import ModerationAction
    from services.models import CapacityReport

    call_command("seed_demo", allow_production=True, verbosity=0)
    for starts_at in [*Meeting.objects.values_list("starts_at", flat=True),
                      *Event.objects.values_list("starts_at", flat=True)]:
        day = starts_at.date()
        assert day.weekday() < 5 and (day.month, day.day) not in FIXED_HOLIDAYS, day
    for coalition in Coalition.objects.all():
        assert TIMES[coalition.meetings.count()] in coalition.description
    coordinator = User.objects.get(email="koordinator@demo.invalid")
    assert coordinator.organisation == "Krajský úřad Středočeského kraje"
    assert User.objects.get(email="koordinator-jinde@demo.invalid").organisation.startswith(("Krajský úřad",
                                                                                              "Magistrát"))
    spam = Post.objects.get(pk=ModerationAction.objects.get(action="auto_hide").object_id)
    assert not spam.author.organisation and not spam.author.is_staff
    staff = User.objects.get(email="poskytovatel@demo.invalid")
    assert staff.organisation == staff.provider_links.get().provider.name
    # The coordinator went through the older reports; what waits is recent, and the implausible ones say why.
    waiting = CapacityReport.objects.filter(verified_at__isnull=True)
    assert waiting.count() < CapacityReport.objects.count() / 5
    assert not waiting.filter(as_of__lt=timezone.localdate() - dt.timedelta(days=21)).exists()
    assert CapacityReport.objects.exclude(attention="").exists()
