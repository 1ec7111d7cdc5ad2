"""The public catalogue: filters (topic, role, standard, month, place, accredited only) as a FilterSet with a pinned
query count, a bad value a form error (400, never 500); programme and term pages; iCalendar, the Atom feed and the
sitemap."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from tests.education.factories import make_programme, make_term

pytestmark = pytest.mark.django_db


def en(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


@pytest.fixture
def catalogue(db):
    from territory.models import Obec

    dementia = make_programme(title="Péče o lidi s demencí", topics=("dementia",), roles=("care-worker",),
                              standards=[5], hours=16)
    law = make_programme(title="Právo pro vedoucí", topics=("law",), roles=("management",), accredited=False)
    online = make_programme(title="Krizová intervence online", topics=("crisis",), roles=("social-worker",))
    make_term(dementia, days=40, obec=Obec.objects.get(name="Beroun"), address="")
    make_term(law, days=3)
    make_term(online, days=70, obec=None, address="", online_url="https://meet.example.cz/krize")
    return {"dementia": dementia, "law": law, "online": online}


def titles(response):
    text = response.content.decode()
    return {title for title in ("Péče o lidi s demencí", "Právo pro vedoucí", "Krizová intervence online")
            if title in text}


@pytest.mark.parametrize("params, expected", [
    ({}, {"Péče o lidi s demencí", "Právo pro vedoucí", "Krizová intervence online"}),
    ({"topic": "dementia"}, {"Péče o lidi s demencí"}),
    ({"role": "management"}, {"Právo pro vedoucí"}),
    ({"standard": "5"}, {"Péče o lidi s demencí"}),
    ({"accredited": "on"}, {"Péče o lidi s demencí", "Krizová intervence online"}),
    ({"place": "online"}, {"Krizová intervence online"}),
    ({"q": "krizova"}, {"Krizová intervence online"}),
])
def test_the_catalogue_filters(client, catalogue, params, expected):
    response = client.get(en("education:index"), params)
    assert response.status_code == 200
    assert titles(response) == expected


def test_the_catalogue_filters_by_month_and_orp_of_a_term(client, catalogue):
    from territory.models import Obec

    term = catalogue["dementia"].terms.get()
    month = timezone.localtime(term.starts_at)
    response = client.get(en("education:index"), {"month": f"{month.year}-{month.month:02d}",
                                                  "place": str(Obec.objects.get(name="Beroun").orp.code)})
    assert titles(response) == {"Péče o lidi s demencí"}


@pytest.mark.parametrize("params", [{"topic": "nope"}, {"standard": "99"}, {"month": "2026-13"},
                                    {"place": "<script>"}, {"role": "1e309"}])
def test_a_bad_filter_value_is_a_form_error(client, catalogue, params):
    response = client.get(en("education:index"), params)
    assert response.status_code == 400
    assert "errorlist" in response.content.decode()


def test_the_catalogue_runs_a_fixed_number_of_queries(client, catalogue, django_assert_num_queries):
    client.get(en("education:index"))  # warm up the home kraj and content types
    # home kraj, the choices of topic, role, standard and place, the weakest standards, the count, the programmes
    # with their topics, roles and upcoming terms
    with django_assert_num_queries(11):
        client.get(en("education:index"))
    for n in range(10):
        make_term(make_programme(title=f"Další program {n}", topics=("burnout",)), days=n + 5)
    with django_assert_num_queries(11):
        client.get(en("education:index"))


def test_programme_and_term_pages(client, catalogue):
    programme = catalogue["online"]
    term = programme.terms.get()
    page = client.get(en("education:programme", programme.pk)).content.decode()
    assert "A2024/0123-SP/PC/VP" in page and en("education:term", term.pk) in page
    page = client.get(en("education:term", term.pk)).content.decode()
    assert "Log in to register" in page and "meet.example.cz" not in page  # the link is for participants
    assert client.get(en("education:term", 99999)).status_code == 404


def test_calendar_feed_and_sitemap(client, catalogue):
    term = catalogue["law"].terms.get()
    ics = client.get(en("education:term-ics", term.pk))
    assert ics["Content-Type"].startswith("text/calendar") and b"Pr\xc3\xa1vo pro vedouc\xc3\xad" in ics.content
    calendar = client.get(en("education:calendar")).content
    assert calendar.count(b"BEGIN:VEVENT") == 3
    feed = client.get(en("education:feed")).content.decode()
    assert feed.startswith("<?xml") and "Krizová intervence online" in feed
    sitemap = client.get("/sitemap.xml").content.decode()
    assert en("education:programme", catalogue["law"].pk) in sitemap and en("education:term", term.pk) in sitemap


def test_an_unpublished_programme_is_nowhere(client, catalogue):
    programme = catalogue["law"]
    programme.published = False
    programme.save()
    assert client.get(en("education:programme", programme.pk)).status_code == 404
    assert client.get(en("education:term", programme.terms.get().pk)).status_code == 404
    assert "Právo pro vedoucí" not in client.get(en("education:index")).content.decode()


def test_past_terms_leave_the_catalogue(client, catalogue):
    term = catalogue["law"].terms.get()
    term.starts_at, term.ends_at = timezone.now() - dt.timedelta(days=2), timezone.now() - dt.timedelta(days=1)
    term.save()
    assert "Právo pro vedoucí" in titles(client.get(en("education:index")))  # the programme stays
    assert client.get(en("education:calendar")).content.count(b"BEGIN:VEVENT") == 2
