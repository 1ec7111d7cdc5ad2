"""A person downloads everything stored about them and deletes their account; posts stay, anonymised."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from coalitions.models import Membership
from discussions.models import Post
from discussions.offers.models import Offer
from services.models import CapacityReport
from territory.models import home_kraj
from tests.coalitions.factories import MembershipFactory
from tests.discussions.factories import PostFactory
from tests.accounts.factories import PASSWORD, UserFactory
from tests.services.factories import make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def active_person(db):
    person = UserFactory(verified=True, display_name="Jana Dvořáková", organisation="Charita")
    MembershipFactory(person=person)
    post = PostFactory(author=person, body="Můj **příspěvek** o azylových domech.")
    service = make_service()
    CapacityReport.record(service=service, form="pob", unit="luzka", free_places=2, by=person)
    Offer.objects.create(author=person, kind="offer", topic="other", title="Darujeme lůžka", text="Text",
                         kraj=home_kraj(), valid_until=timezone.localdate() + dt.timedelta(days=10))
    return person, post


def test_privacy_page_is_public_and_linked_from_every_page(client):
    response = client.get(reverse("portal:privacy"))
    assert response.status_code == 200
    assert reverse("portal:privacy") in client.get(reverse("portal:home")).content.decode()


def test_export_contains_the_account_and_every_linked_record_but_no_secrets(client, active_person):
    person, post = active_person
    client.force_login(person)
    response = client.get(reverse("accounts:my-data-download"))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    data = json.loads(response.content)
    assert data["account"]["email"] == person.email and "password" not in data["account"]
    linked = data["linked_records"]
    assert [row["body"] for row in linked["discussions.post"]] == [post.body]
    assert len(linked["coalitions.membership"]) == 1
    assert linked["offers.offer"][0]["title"] == "Darujeme lůžka"
    assert linked["services.capacityreport"][0]["free_places"] == 2
    assert "account.emailaddress" in linked


def test_export_and_deletion_need_a_login(client):
    for name in ("accounts:my-data", "accounts:my-data-download", "accounts:delete"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/ucet/login/" in response["Location"]


def test_deleting_needs_the_password_and_keeps_posts_without_an_author(client, active_person):
    person, post = active_person
    client.force_login(person)
    assert client.get(reverse("accounts:my-data")).status_code == 200
    response = client.post(reverse("accounts:delete"), {"password": "wrong"})
    assert response.status_code == 400 and User.objects.filter(pk=person.pk).exists()
    response = client.post(reverse("accounts:delete"), {"password": PASSWORD})
    assert response.status_code == 302
    assert not User.objects.filter(pk=person.pk).exists()
    post.refresh_from_db()
    assert post.author is None and "azylových" in post.body  # the discussion still makes sense
    assert not Membership.objects.filter(person_id=person.pk).exists()
    assert not Offer.objects.exists()
    assert CapacityReport.objects.get().reported_by is None  # the region's records stay complete
    assert client.get(reverse("accounts:profile")).status_code == 302  # signed out
    assert "Jana Dvořáková" not in client.get(post.thread.get_absolute_url()).content.decode()
