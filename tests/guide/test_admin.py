"""The guide in the admin: the portal's editors (regional coordinators) write and check the texts, with
history; nobody else gets in."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from guide.models import Situation, SituationServiceType
from services.models import ServiceType
from tests.guide.factories import situation
from tests.i18n import english
from tests.services.factories import make_provider_staff

pytestmark = pytest.mark.django_db

LIST = reverse("admin:guide_situation_changelist")


def change_url(obj):
    return reverse("admin:guide_situation_change", args=[obj.pk])


def form_data(obj, **changes):
    data = {
        "group": obj.group_id, "slug": obj.slug, "order": obj.order, "is_published": "on", "urgency": obj.urgency,
        "name_cs": obj.name_cs, "summary_cs": obj.summary_cs, "description_cs": obj.description_cs,
        "first_steps_cs": obj.first_steps_cs, "name_en": obj.name_en, "summary_en": obj.summary_en,
        "description_en": obj.description_en, "first_steps_en": obj.first_steps_en, "synonyms": obj.synonyms,
        "target_groups": [g.pk for g in obj.target_groups.all()], "age_groups": [g.pk for g in obj.age_groups.all()],
        "crisis_contacts": [c.pk for c in obj.crisis_contacts.all()], "related": [r.pk for r in obj.related.all()],
        "sources": obj.sources, "reviewed_on": "", "review_by": "",
    }
    fits = list(obj.fits.all())
    data.update({"fits-TOTAL_FORMS": len(fits), "fits-INITIAL_FORMS": len(fits), "fits-MIN_NUM_FORMS": 0,
                 "fits-MAX_NUM_FORMS": 1000})
    for index, fit in enumerate(fits):
        data.update({f"fits-{index}-id": fit.pk, f"fits-{index}-situation": obj.pk,
                     f"fits-{index}-service_type": fit.service_type_id, f"fits-{index}-rank": fit.rank,
                     f"fits-{index}-order": fit.order, f"fits-{index}-explanation_cs": fit.explanation_cs,
                     f"fits-{index}-explanation_en": fit.explanation_en})
    data.update(changes)
    return data


@pytest.mark.parametrize("role", ["coordinator", "other_region_coordinator"])
def test_any_regional_coordinator_edits_a_situation_and_the_history_keeps_it(client, request, role):
    person = request.getfixturevalue(role)
    client.force_login(person)
    parent = situation()
    assert client.get(change_url(parent)).status_code == 200
    response = client.post(change_url(parent), form_data(parent, synonyms=parent.synonyms + "\nmamka sama doma"))
    assert response.status_code == 302, response.content.decode()[:3000]
    parent.refresh_from_db()
    assert "mamka sama doma" in parent.synonyms
    newest = parent.history.order_by("-history_id").first()
    assert newest.history_user == person and newest.history_type == "~"
    assert client.get(reverse("admin:guide_situation_history", args=[parent.pk])).status_code == 200


def test_a_fitting_service_type_is_added_inline(client, coordinator):
    client.force_login(coordinator)
    parent = situation()
    data = form_data(parent)
    index = data["fits-TOTAL_FORMS"]
    respite = ServiceType.objects.get(code="DruhSocialniSluzby/29")
    data.update({"fits-TOTAL_FORMS": index + 1, f"fits-{index}-situation": parent.pk,
                 f"fits-{index}-service_type": respite.pk, f"fits-{index}-rank": "also", f"fits-{index}-order": 9,
                 f"fits-{index}-explanation_cs": "Aby nebyl sám.", f"fits-{index}-explanation_en": ""})
    assert client.post(change_url(parent), data).status_code == 302
    assert SituationServiceType.objects.filter(situation=parent, service_type=respite, rank="also").exists()


@pytest.mark.parametrize("role, status", [("user", 403), ("moderator", 403), ("provider_staff", 403)])
def test_nobody_else_gets_in(client, request, role, status):
    person = make_provider_staff() if role == "provider_staff" else request.getfixturevalue(role)
    client.force_login(person)
    parent = situation()
    before = Situation.objects.values().get(pk=parent.pk)
    assert client.get(LIST).status_code == status
    assert client.post(change_url(parent), form_data(parent, name_cs="Změněno")).status_code == status
    assert Situation.objects.values().get(pk=parent.pk) == before


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(LIST)
    assert response.status_code == 302 and "login" in response.url


def test_texts_due_for_review_are_marked_and_can_be_checked_in_bulk(client, coordinator):
    client.force_login(coordinator)
    parent = situation()
    Situation.objects.filter(pk=parent.pk).update(review_by=timezone.localdate() - dt.timedelta(days=1))
    due = client.get(LIST, {"review": "due"})
    assert list(due.context["cl"].result_list) == [Situation.objects.get(pk=parent.pk)]
    response = client.post(LIST, {"action": "mark_reviewed", "_selected_action": [parent.pk]})
    assert response.status_code == 302
    parent.refresh_from_db()
    assert parent.reviewed_on == timezone.localdate() and parent.review_by > timezone.localdate() + dt.timedelta(300)
    assert not parent.is_due_for_review
    assert parent.history.order_by("-history_id").first().history_user == coordinator
    assert not client.get(LIST, {"review": "due"}).context["cl"].result_list


def test_the_admin_search_ignores_diacritics(client, coordinator):
    client.force_login(coordinator)
    found = client.get(LIST, {"q": "exekuce"}).context["cl"].result_list
    assert situation("exekuce") in found


def test_the_counts_of_opened_situations_are_read_only(client, coordinator):
    client.force_login(coordinator)
    client.get(situation().get_absolute_url())
    response = client.get(reverse("admin:guide_situationopened_changelist"))
    assert response.status_code == 200 and len(response.context["cl"].result_list) == 1
    assert client.get(reverse("admin:guide_situationopened_add")).status_code == 403


def test_editors_see_on_the_page_when_a_text_is_due_for_review(client, coordinator):
    parent = situation()
    Situation.objects.filter(pk=parent.pk).update(review_by=timezone.localdate() - dt.timedelta(days=1))
    assert b"Edit the text" not in client.get(english(parent.get_absolute_url())).content
    client.force_login(coordinator)
    html = client.get(english(parent.get_absolute_url())).content.decode()
    assert "due for review" in html and change_url(parent) in html
