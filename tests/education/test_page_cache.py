"""The catalogue, programme, term and supervisor pages (and the calendars and the feed) are cached for anonymous
visitors by the "education" section; a change of what they show renders them afresh, also when attendance is
written in bulk."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from core import pagecache
from education.models import Supervisor
from tests.accounts.factories import UserFactory
from tests.education.factories import make_programme, make_supervisor, make_term

pytestmark = pytest.mark.django_db
HEADER = pagecache.HEADER


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.REGISTRY_PAGE_CACHE_SECONDS = 300


def en(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def without_csrf(content: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]*"', b"", content)


@pytest.fixture
def catalogue(db):
    term = make_term(make_programme(title="Komunikace v týmu"), capacity=10)
    return {"term": term, "programme": term.programme, "supervisor": make_supervisor(name="Mgr. Jana Cache")}


def urls(c):
    return [en("education:index"), en("education:programme", c["programme"].pk), en("education:term", c["term"].pk),
            en("education:supervisors"), en("education:supervisor", c["supervisor"].pk), en("education:calendar"),
            en("education:term-ics", c["term"].pk), en("education:feed")]


def test_a_second_anonymous_visit_costs_no_query(client, catalogue, django_assert_num_queries):
    for url in urls(catalogue):
        first = client.get(url)
        assert first.status_code == 200 and first[HEADER] == "miss", url
        with django_assert_num_queries(0):
            second = Client().get(url)
        assert second[HEADER] == "hit" and without_csrf(second.content) == without_csrf(first.content)


def test_a_registration_updates_the_seat_count(client, catalogue):
    url = en("education:term", catalogue["term"].pk)
    assert "0 of 10 seats taken" in client.get(url).content.decode()
    catalogue["term"].register(UserFactory())
    response = client.get(url)
    assert response[HEADER] == "miss" and "1 of 10 seats taken" in response.content.decode()


def test_attendance_written_in_bulk_renders_the_term_afresh(client, catalogue):
    import datetime as dt

    from django.utils import timezone

    term, organiser, person = catalogue["term"], UserFactory(), UserFactory()
    term.programme.managers.add(organiser)
    term.register(person)
    term.starts_at, term.ends_at = timezone.now() - dt.timedelta(hours=3), timezone.now() - dt.timedelta(hours=1)
    term.save()
    url = en("education:term", term.pk)
    client.get(url)
    staff = Client()
    staff.force_login(organiser)
    assert staff.post(en("education:term-attendance", term.pk), {"present": [person.pk]}).status_code == 302
    assert client.get(url)[HEADER] == "miss"


def test_new_programmes_and_approved_supervisors_show_at_once(client, catalogue):
    client.get(en("education:index"))
    client.get(en("education:supervisors"))
    make_term(make_programme(title="Nový program o demenci"))
    assert "Nový program o demenci" in client.get(en("education:index")).content.decode()
    pending = make_supervisor(name="Mgr. Čekající", status=Supervisor.Status.PENDING)
    assert "Čekající" not in client.get(en("education:supervisors")).content.decode()
    pending.approve(by=None)
    assert "Čekající" in client.get(en("education:supervisors")).content.decode()
