"""Education's demo data: 20 programmes, 40 terms over a year, certificates of attended terms, supervisors, and three
providers with two self-assessment rounds each, every record valid (full_clean)."""

import random

import pytest
from django.contrib.auth.hashers import make_password

from education import aggregates, demo
from education.models import (
    Certificate,
    DevelopmentAction,
    Programme,
    ProviderWorker,
    SelfAssessmentRound,
    SupervisionSession,
    Supervisor,
    Term,
)
from portal.demo import SCALES, DemoContext
from territory.models import home_kraj

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_a_catalogue_records_and_self_assessments(db, settings, tmp_path):
    from accounts import demo as accounts_demo
    from services import demo as services_demo

    ctx = DemoContext(rng=random.Random(2026), scale="demo", sizes=SCALES["demo"], password_hash=make_password("x"))
    accounts_demo.seed(ctx)
    services_demo.seed(ctx)
    demo.seed(ctx)
    assert Programme.objects.count() == 20 and Term.objects.count() == 40
    assert Term.objects.past().exists() and Term.objects.upcoming().exists()
    assert Certificate.objects.exists() and Supervisor.objects.approved().count() == 6
    assert SupervisionSession.objects.exists()
    rounds = SelfAssessmentRound.objects.all()
    assert rounds.count() == 6 and rounds.values("provider").distinct().count() == 3
    assert rounds.filter(previous__isnull=False).count() == 3 and DevelopmentAction.objects.exists()
    staff = ProviderWorker.objects.get(person__email="poskytovatel@demo.invalid")
    assert staff.is_education_manager and ProviderWorker.objects.current().filter(
        provider=staff.provider, person__email="overeny@demo.invalid").exists()
    for model in (Programme, Term, Certificate, ProviderWorker, Supervisor, SelfAssessmentRound, DevelopmentAction):
        for record in model.objects.all()[:50]:
            record.full_clean(validate_unique=False)
    assert aggregates.weakest_standards(home_kraj())  # three providers: the picture is not withheld
