"""The demo data set passes the portal's own validation, so the quick start shows nothing impossible."""

import pytest
from django.core.management import call_command

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
