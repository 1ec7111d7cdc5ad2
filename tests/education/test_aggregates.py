"""The kraj's anonymised figures never stand for a single provider: cells of fewer than three providers are
withheld, in the quality picture, the "weakest standards" of the catalogue and the hours by role and ORP."""

import pytest
from django.urls import reverse
from django.utils import translation

from education import aggregates
from education.models import Rating
from territory.models import home_kraj
from tests.education.factories import attended_certificate, make_programme, make_round, make_term, make_worker
from tests.services.factories import make_service

pytestmark = pytest.mark.django_db


def en(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def providers_not_fulfilling_standard_7(count):
    rounds = []
    for n in range(count):
        round_ = make_round(make_service(name=f"Domov {n}").provider, rating=Rating.FULFILLED)
        round_.ratings.filter(criterion__standard__number=7).update(rating=Rating.NOT_FULFILLED)
        round_.complete(by=None)
        rounds.append(round_)
    return rounds


def test_two_providers_are_withheld_three_are_shown():
    providers_not_fulfilling_standard_7(2)
    picture = aggregates.kraj_quality(home_kraj())
    assert all(cell.suppressed and cell.not_percent is None for _s, cell, _c in picture.standards)
    assert aggregates.weakest_standards(home_kraj()) == []
    providers_not_fulfilling_standard_7(1)
    picture = aggregates.kraj_quality(home_kraj())
    cells = {standard.number: cell for standard, cell, _criteria in picture.standards}
    assert not cells[7].suppressed and cells[7].not_percent == 100 and cells[1].not_percent == 0
    assert [standard.number for standard in aggregates.weakest_standards(home_kraj())] == [7]


def test_only_the_latest_completed_round_of_a_provider_counts():
    first, *_others = providers_not_fulfilling_standard_7(3)
    newer = make_round(first.provider, services=list(first.services.all()), rating=Rating.FULFILLED,
                       completed=True)
    assert newer.previous == first
    cells = {standard.number: cell for standard, cell, _c in aggregates.kraj_quality(home_kraj()).standards}
    assert cells[7].not_percent == 67  # two of three providers now


def test_the_catalogue_recommends_programmes_for_the_weakest_standards(client):
    providers_not_fulfilling_standard_7(3)
    complaints = make_programme(title="Vyřizování stížností", standards=[7])
    make_term(complaints)
    make_term(make_programme(title="Jiné téma", standards=[1]))
    text = client.get(en("education:index")).content.decode()
    section = text[text.index('id="weakest-heading"'):text.index('id="catalogue-filter-title"')]
    assert "Vyřizování stížností" in section and "Jiné téma" not in section
    assert "Domov 0" not in text


def test_the_quality_picture_page_names_no_provider(client, coordinator):
    providers_not_fulfilling_standard_7(3)
    client.force_login(coordinator)
    text = client.get(en("education:kraj-quality")).content.decode()
    assert "Domov 0" not in text and "100 %" in text


def test_hours_by_role_and_orp_are_withheld_below_three_providers(client, coordinator):
    services = [make_service(name=f"Služba {n}") for n in range(3)]
    programme = make_programme(hours=30)
    workers = [make_worker(service.provider, service=service) for service in services[:2]]
    for worker in workers:
        attended_certificate(worker.person, programme=programme)
    figures = aggregates.kraj_hours(home_kraj(), aggregates.this_year())
    assert figures.total.suppressed and figures.total.average is None
    worker = make_worker(services[2].provider, service=services[2])
    attended_certificate(worker.person, programme=programme)
    figures = aggregates.kraj_hours(home_kraj(), aggregates.this_year())
    assert not figures.total.suppressed and figures.total.average == 30 and figures.total.met_percent == 100
    assert [cell.label for cell in figures.by_orp] == ["Kladno"]
    client.force_login(coordinator)
    text = client.get(en("education:kraj-hours")).content.decode()
    assert worker.person.public_name not in text and "Služba 2" not in text


def test_the_kraj_figures_are_for_its_coordinators_and_methodologists(client, world, coordinator):
    for person, status in [(coordinator, 200), (world.methodologist, 200), (world.main_contact, 403),
                           (world.worker, 403)]:
        client.force_login(person)
        for name in ("education:kraj-hours", "education:kraj-supervision", "education:kraj-quality"):
            assert client.get(en(name)).status_code == status, (name, person)
