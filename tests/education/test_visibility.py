"""A provider's self-assessment is private to the provider (its main contacts and education managers) and the
methodologists of its kraj: another provider, the kraj's coordinator, a worker and the public do not find it."""

import pytest
from django.urls import reverse
from django.utils import translation

from network.models import QualityCriterion
from tests.accounts.factories import UserFactory
from tests.education.factories import make_methodologist, make_round, other_kraj

pytestmark = pytest.mark.django_db

ROUND_PAGES = ["education:round", "education:action-create", "education:consultation-create"]


def en(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture
def round_(world):
    return make_round(world.provider, services=[world.service], completed=True)


@pytest.mark.parametrize("who, status", [
    ("main_contact", 200), ("manager", 200), ("methodologist", 200),
    ("worker", 404), ("other_staff", 404), ("coordinator", 404), ("other_methodologist", 404), ("stranger", 404),
])
def test_who_sees_a_self_assessment(client, world, round_, coordinator, who, status):
    people = {"coordinator": coordinator, "other_methodologist": make_methodologist(other_kraj()),
              "stranger": UserFactory(verified=True)}
    client.force_login(people.get(who) or getattr(world, who))
    response = client.get(en("education:round", round_.pk))
    assert response.status_code == status
    rounds = client.get(en("education:rounds"))
    assert (round_.title in rounds.content.decode()) is (status == 200)


def test_the_public_is_sent_to_log_in_and_sees_nothing(client, round_):
    for name in ROUND_PAGES:
        response = client.get(en(name, round_.pk))
        assert response.status_code == 302 and "login" in response.url
    assert round_.provider.name not in client.get(en("education:index")).content.decode()


def test_the_methodologist_comments_but_does_not_rate(client, world):
    round_ = make_round(world.provider, services=[world.service], rating=None)
    rating = round_.ratings.select_related("criterion__standard").filter(criterion__standard__number=1).first()
    forms = round_.ratings.filter(criterion__standard__number=1).count()
    data = {"ratings-TOTAL_FORMS": forms, "ratings-INITIAL_FORMS": forms}
    for index, row in enumerate(round_.ratings.filter(criterion__standard__number=1)
                                .order_by("criterion__order", "criterion__code")):
        data |= {f"ratings-{index}-id": row.pk, f"ratings-{index}-comment": f"Doplnit postup {row.pk}",
                 f"ratings-{index}-rating": "fulfilled"}
    client.force_login(world.methodologist)
    response = client.post(en("education:round-standard", round_.pk, 1), data)
    assert response.status_code == 302
    rating.refresh_from_db()
    assert rating.comment.startswith("Doplnit postup") and rating.commented_by == world.methodologist
    assert rating.rating == ""  # the rating is the provider's


def test_a_forged_formset_adds_no_rating_and_touches_no_other_standard(client, world):
    round_ = make_round(world.provider, services=[world.service], rating=None)
    other = round_.ratings.get(criterion__code="2a")
    rows = list(round_.ratings.filter(criterion__standard__number=1).order_by("criterion__order", "criterion__code"))
    data = {"ratings-TOTAL_FORMS": len(rows) + 2, "ratings-INITIAL_FORMS": len(rows)}
    for index, row in enumerate(rows):
        data |= {f"ratings-{index}-id": row.pk, f"ratings-{index}-rating": "partly"}
    data |= {f"ratings-{len(rows)}-id": other.pk, f"ratings-{len(rows)}-rating": "not",  # another standard's row
             f"ratings-{len(rows) + 1}-rating": "not", f"ratings-{len(rows) + 1}-evidence": "<script>"}
    client.force_login(world.main_contact)
    response = client.post(en("education:round-standard", round_.pk, 1), data)
    assert response.status_code in (302, 400)
    other.refresh_from_db()
    assert other.rating == ""
    assert round_.ratings.count() == QualityCriterion.objects.count()
