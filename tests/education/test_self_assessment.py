"""A provider's round of self-assessment: started for its services, rated criterion by criterion, completed once
everything is rated, compared with the last round; its development plan with criteria and programmes; the
methodologist's consultations."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from education.models import Consultation, DevelopmentAction, Rating, SelfAssessmentRound
from network.models import QualityCriterion
from tests.education.factories import make_round, make_term

pytestmark = pytest.mark.django_db


def en(name, *args):
    with translation.override("en"):
        return reverse(name, args=args)


def standard_data(round_, number, rating="fulfilled"):
    rows = list(round_.ratings.filter(criterion__standard__number=number).order_by("criterion__order",
                                                                                    "criterion__code"))
    data = {"ratings-TOTAL_FORMS": len(rows), "ratings-INITIAL_FORMS": len(rows)}
    for index, row in enumerate(rows):
        data |= {f"ratings-{index}-id": row.pk, f"ratings-{index}-rating": rating,
                 f"ratings-{index}-evidence": f"Vnitřní pravidlo {row.criterion.code}"}
    return data


def test_a_provider_runs_a_round_and_completes_it(client, world):
    client.force_login(world.main_contact)
    response = client.post(en("education:round-start", world.provider.pk),
                           {"title": "Sebehodnocení 2026", "services": [world.service.pk]})
    round_ = SelfAssessmentRound.objects.get()
    assert response.status_code == 302 and round_.ratings.count() == QualityCriterion.objects.count()
    response = client.post(en("education:round-standard", round_.pk, 1), standard_data(round_, 1))
    assert response.status_code == 302
    assert round_.ratings.filter(criterion__standard__number=1, rating=Rating.FULFILLED).exists()
    client.post(en("education:round-complete", round_.pk))
    round_.refresh_from_db()
    assert not round_.is_completed  # other standards are not rated yet
    for standard in range(2, 16):
        client.post(en("education:round-standard", round_.pk, standard), standard_data(round_, standard, "partly"))
    client.post(en("education:round-complete", round_.pk))
    round_.refresh_from_db()
    assert round_.is_completed and round_.completed_on == timezone.localdate()
    # A completed round keeps its ratings.
    assert client.post(en("education:round-standard", round_.pk, 1), standard_data(round_, 1, "not")).status_code == 403


def test_the_next_round_shows_the_change_per_criterion(client, world):
    first = make_round(world.provider, services=[world.service], rating=Rating.PARTLY, completed=True)
    second = make_round(world.provider, services=[world.service], rating=Rating.PARTLY)
    assert second.previous == first
    second.ratings.filter(criterion__code="1a").update(rating=Rating.FULFILLED)
    second.ratings.filter(criterion__code="2a").update(rating=Rating.NOT_FULFILLED)
    client.force_login(world.manager)
    text = client.get(en("education:round", second.pk)).content.decode()
    total = QualityCriterion.objects.count()
    assert f"Since the last round: 1 criteria better, 1 worse, {total - 2} the same." in text


def test_the_development_plan_links_criteria_and_programmes(client, world):
    round_ = make_round(world.provider, services=[world.service], rating=Rating.NOT_FULFILLED, completed=True)
    criterion = QualityCriterion.objects.get(code="5a")
    client.force_login(world.manager)
    deadline = (timezone.localdate() + dt.timedelta(days=60)).isoformat()
    response = client.post(en("education:action-create", round_.pk), {
        "description": "Proškolit klíčové pracovníky v individuálním plánování", "owner": "vedoucí služby",
        "deadline": deadline, "state": "open", "criteria": [criterion.pk], "programmes": [world.programme.pk]})
    assert response.status_code == 302
    action = DevelopmentAction.objects.get()
    assert list(action.criteria.all()) == [criterion] and list(action.programmes.all()) == [world.programme]
    client.post(en("education:action", action.pk), {
        "description": action.description, "owner": "vedoucí služby", "deadline": deadline, "state": "done",
        "progress_note": "Proškoleno 6 pracovníků", "criteria": [criterion.pk], "programmes": [world.programme.pk]})
    action.refresh_from_db()
    assert action.state == "done" and action.done_on == timezone.localdate()
    make_term(world.programme)
    text = client.get(en("education:round", round_.pk)).content.decode()
    assert "Proškoleno 6 pracovníků" in text
    suggested = text[text.index("Programmes for the standards not fulfilled"):]
    assert world.programme.title in suggested  # it supports standard 5, not fulfilled, and has a term
    client.force_login(world.methodologist)  # reads the plan, does not change it
    assert client.get(en("education:action", action.pk)).status_code == 403


def test_the_methodologist_holds_consultations(client, world):
    round_ = make_round(world.provider, services=[world.service])
    starts = timezone.localtime() + dt.timedelta(days=7)
    data = {"starts_at": starts.strftime("%Y-%m-%dT10:00"), "ends_at": starts.strftime("%Y-%m-%dT12:00"),
            "place": "Krajský úřad, zasedací místnost 3", "status": "planned"}
    client.force_login(world.main_contact)
    assert client.post(en("education:consultation-create", round_.pk), data).status_code == 403
    client.force_login(world.methodologist)
    assert client.post(en("education:consultation-create", round_.pk), data).status_code == 302
    consultation = Consultation.objects.get()
    assert consultation.held_by == world.methodologist
    client.force_login(world.main_contact)
    assert b"BEGIN:VEVENT" in client.get(en("education:consultation-ics", consultation.pk)).content
    assert client.get(en("education:consultation", consultation.pk)).status_code == 200
    client.force_login(world.other_staff)
    assert client.get(en("education:consultation-ics", consultation.pk)).status_code == 404
