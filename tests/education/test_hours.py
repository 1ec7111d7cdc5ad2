"""Statutory hours: certificates of the portal and education recorded with a proof, summed per calendar year and
held against the 24-hour minimum (§ 111 and § 116 of Act 108/2006 Sb.)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from education import hours
from tests.accounts.factories import UserFactory
from tests.education.factories import attended_certificate, make_own_record, make_programme

pytestmark = pytest.mark.django_db


def test_hours_are_summed_per_calendar_year_across_certificates_and_own_records():
    person = UserFactory()
    this_year = timezone.localdate().year
    attended_certificate(person, programme=make_programme(hours=8), days=-1)
    attended_certificate(person, programme=make_programme(hours=6.5, title="Demence"), days=-2)
    make_own_record(person, hours=4, on=dt.date(this_year, 1, 2))
    make_own_record(person, hours=10, on=dt.date(this_year - 1, 12, 31))  # last year's
    make_own_record(UserFactory(), hours=30, on=dt.date(this_year, 1, 2))  # somebody else's
    years = hours.hours_by_year(person)
    assert years[this_year].certificates == Decimal("14.5") and years[this_year].own == Decimal(4)
    assert years[this_year].total == Decimal("18.5")
    assert years[this_year - 1].total == Decimal(10)


def test_a_revoked_certificate_no_longer_counts():
    person = UserFactory()
    certificate = attended_certificate(person, programme=make_programme(hours=8), days=-1)
    certificate.revoke(by=None, reason="Chybně potvrzená účast")
    assert hours.year_hours(person, timezone.localdate().year).total == 0


@pytest.mark.parametrize("total, met, missing", [(0, False, 24), (23.5, False, 0.5), (24, True, 0), (40, True, 0)])
def test_the_24_hour_status(total, met, missing):
    year = hours.YearHours(2026, certificates=Decimal(str(total)))
    assert year.is_met is met and year.missing == Decimal(str(missing))
    assert 0 <= year.percent <= 100


def test_my_record_shows_the_hours_still_needed_and_where_to_get_them(client):
    from tests.education.factories import make_term

    person = UserFactory()
    make_own_record(person, hours=10)
    upcoming = make_term(make_programme(title="Krizová intervence", hours=16), days=20)
    client.force_login(person)
    with translation.override("en"):
        response = client.get(reverse("education:my-record"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "10 of 24 hours" in text and "14 hours short" in text
    with translation.override("en"):
        assert upcoming.get_absolute_url() in text  # a term where to get them
