"""The network's demo data: valid records (full_clean), a network, rules, figures and audits for the home kraj."""

import random

import pytest
from django.contrib.auth.hashers import make_password

from network import demo
from network.gaps import gap_rows
from network.models import AnnualFigures, Audit, CorrectiveAction, MinimalNetworkNorm, NetworkMembership
from portal.demo import SCALES, DemoContext

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_a_network_that_passes_validation(db):
    from accounts import demo as accounts_demo
    from services import demo as services_demo

    ctx = DemoContext(rng=random.Random(2026), scale="demo", sizes=SCALES["demo"], password_hash=make_password("x"))
    accounts_demo.seed(ctx)
    services_demo.seed(ctx)
    demo.seed(ctx)
    assert NetworkMembership.objects.count() > 100 and MinimalNetworkNorm.objects.count() == 9
    assert AnnualFigures.objects.exists() and Audit.objects.exists()
    for model in (NetworkMembership, AnnualFigures, Audit, CorrectiveAction):
        for record in model.objects.all()[:200]:
            record.full_clean(validate_unique=False)
    rows = gap_rows(year=NetworkMembership.objects.order_by("-year").first().year)
    assert any(row.gap for row in rows) and any(row.coverage and row.coverage >= 1 for row in rows)
