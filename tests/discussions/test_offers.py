"""The board of offers and requests: listing, filters, posting, contact, resolving, moderation, scoping."""

import datetime as dt

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from discussions.models import Flag, ForumProfile, ModerationAction
from discussions.offers.models import Offer, OfferMessage
from services.models import ServiceType
from territory.models import Kraj, Orp, home_kraj
from tests.accounts.factories import UserFactory
from tests.i18n import english

pytestmark = pytest.mark.django_db
TODAY = dt.date.today


def accept_rules(user):
    ForumProfile.objects.update_or_create(user=user, defaults={"accepted_rules_at": timezone.now()})
    return user


@pytest.fixture
def poster(db):
    return accept_rules(UserFactory(verified=True, organisation="Charita Kladno"))


def make_offer(author=None, **fields):
    kraj = fields.pop("kraj", None) or home_kraj()
    defaults = {"kind": "offer", "topic": "cooperation", "title": "Nabídka spolupráce", "text": "Text *nabídky*.",
                "kraj": kraj, "valid_until": timezone.localdate() + dt.timedelta(days=30)}
    return Offer.objects.create(author=author or UserFactory(verified=True), **{**defaults, **fields})


def form_data(**overrides):
    data = {"kind": "request", "topic": "volunteering", "service_type": "", "title": "Hledáme dobrovolníky",
            "text": "Na doprovody seniorů.", "kraj": home_kraj().pk, "orp": "", "organisation": "Domov Lány",
            "valid_until": (timezone.localdate() + dt.timedelta(days=20)).isoformat(), "website": ""}
    return {**data, **overrides}


# --- Listing and filters ---------------------------------------------------------------------------------


def test_board_lists_only_current_items(client):
    shown = make_offer(title="Platná nabídka")
    make_offer(title="Prošlá nabídka", valid_until=timezone.localdate() - dt.timedelta(days=1))
    make_offer(title="Vyřešená nabídka", resolved_at=timezone.now())
    make_offer(title="Skrytá nabídka", is_hidden=True)
    response = client.get(reverse("offers:index"))
    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [shown]
    assert "Prošlá" not in response.content.decode()


def test_expired_items_are_kept_and_shown_to_their_author(client, poster):
    expired = make_offer(author=poster, valid_until=timezone.localdate() - dt.timedelta(days=5))
    assert Offer.objects.filter(pk=expired.pk).exists()
    assert client.get(expired.get_absolute_url()).status_code == 404  # the public no longer sees it
    client.force_login(poster)
    page = client.get(reverse("offers:mine"))
    assert expired in page.context["page"].object_list
    assert client.get(expired.get_absolute_url()).status_code == 200


def test_filters_by_kind_topic_and_territory(client):
    kraj = home_kraj()
    orp, other_orp = Orp.objects.filter(kraj=kraj).order_by("code")[:2]
    other_kraj = Kraj.objects.exclude(pk=kraj.pk).first()
    in_orp = make_offer(kind="request", topic="education", orp=orp)
    whole_kraj = make_offer(kind="request", topic="education")
    elsewhere = make_offer(kind="request", topic="education", orp=other_orp)
    other = make_offer(kind="offer", kraj=other_kraj)

    def listed(**params):
        return set(client.get(reverse("offers:index"), params).context["page"].object_list)

    assert listed(kind="request") == {in_orp, whole_kraj, elsewhere}
    assert listed(kind="offer") == {other}
    assert listed(topic="education", orp=orp.pk) == {in_orp, whole_kraj}  # kraj-wide items concern the ORP too
    assert listed(kraj=other_kraj.pk) == {other}


@pytest.mark.parametrize("params", [{"kind": "x"}, {"kraj": "abc"}, {"orp": "999999999"}, {"orp": "1e9"},
                                    {"page": "-1"}, {"topic": "<script>"}])
def test_bad_filters_give_a_page_not_an_error(client, params):
    make_offer()
    response = client.get(reverse("offers:index"), params)
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_board_runs_a_fixed_number_of_queries(client, django_assert_num_queries):
    for _ in range(3):
        make_offer()
    client.get(reverse("offers:index"))  # warms the site-wide caches (demo banner, home kraj)
    with django_assert_num_queries(4) as small:
        client.get(reverse("offers:index"))
    for _ in range(25):
        make_offer(orp=Orp.objects.filter(kraj=home_kraj()).first())
    with django_assert_num_queries(len(small.captured_queries)):
        client.get(reverse("offers:index"))


def test_detail_redirects_to_the_canonical_address(client):
    offer = make_offer(title="Volné místo v chráněném bydlení")
    response = client.get(reverse("offers:detail-short", args=[offer.pk]))
    assert response.status_code == 301 and response["Location"] == offer.get_absolute_url()
    assert "volne-misto" in offer.get_absolute_url()
    assert client.get(reverse("offers:detail", args=[123456, "x"])).status_code == 404


# --- Posting ---------------------------------------------------------------------------------------------


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(reverse("offers:create"))
    assert response.status_code == 302 and "/ucet/" in response["Location"]


def test_posting_needs_a_confirmed_email_and_the_rules(client):
    person = UserFactory(verified=True)
    client.force_login(person)
    response = client.get(reverse("offers:create"))
    assert response.status_code == 403 and response.context["blocker"] == "rules"
    accept_rules(person)
    EmailAddress.objects.filter(user=person).update(verified=False)
    person = type(person).objects.get(pk=person.pk)
    client.force_login(person)
    response = client.post(reverse("offers:create"), form_data())
    assert response.status_code == 403 and response.context["blocker"] == "email"
    assert not Offer.objects.exists()


def test_verified_person_posts_an_item_once_even_when_posting_twice(client, poster):
    client.force_login(poster)
    first = client.post(reverse("offers:create"), form_data())
    second = client.post(reverse("offers:create"), form_data())
    offer = Offer.objects.get()
    assert first["Location"] == second["Location"] == offer.get_absolute_url()
    assert offer.author == poster and offer.kind == "request"
    assert offer in client.get(reverse("offers:index")).context["page"].object_list


@pytest.mark.parametrize("overrides, field", [
    ({"valid_until": "2001-01-01"}, "valid_until"),
    ({"valid_until": "not a date"}, "valid_until"),
    ({"valid_until": (dt.date.today() + dt.timedelta(days=400)).isoformat()}, "valid_until"),
    ({"topic": "service"}, "service_type"),
    ({"kind": "both"}, "kind"),
    ({"title": "x" * 500}, "title"),
    ({"text": "x" * 1_000_000}, "text"),
    ({"kraj": "999999"}, "kraj"),
])
def test_invalid_items_are_refused_with_a_message(client, poster, overrides, field):
    client.force_login(poster)
    response = client.post(reverse("offers:create"), form_data(**overrides))
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert not Offer.objects.exists()


def test_orp_must_lie_in_the_chosen_kraj(client, poster):
    client.force_login(poster)
    foreign_orp = Orp.objects.exclude(kraj=home_kraj()).first()
    response = client.post(reverse("offers:create"), form_data(orp=foreign_orp.pk))
    assert response.status_code == 400 and "orp" in response.context["form"].errors


def test_service_topic_keeps_the_service_type(client, poster):
    client.force_login(poster)
    service_type = ServiceType.objects.filter(known=True).first()
    client.post(reverse("offers:create"), form_data(topic="service", service_type=service_type.pk))
    assert Offer.objects.get().service_type == service_type


def test_new_accounts_may_include_two_links_at_most(client):
    newcomer = accept_rules(UserFactory())
    client.force_login(newcomer)
    text = "https://a.example https://b.example https://c.example"
    response = client.post(reverse("offers:create"), form_data(text=text))
    assert response.status_code == 400 and "text" in response.context["form"].errors


def test_honeypot_creates_nothing(client, poster):
    client.force_login(poster)
    client.post(reverse("offers:create"), form_data(website="http://spam.example"))
    assert not Offer.objects.exists()


def test_markdown_of_items_is_sanitised(client):
    offer = make_offer(text="<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>")
    html = client.get(offer.get_absolute_url()).content.decode()
    assert "<script>alert" not in html and "javascript:alert" not in html and "onerror" not in html


# --- Contact, resolving ----------------------------------------------------------------------------------


def test_contact_form_mails_the_author_without_showing_the_address(client, mailoutbox,
                                                                  django_capture_on_commit_callbacks):
    author = UserFactory(verified=True, email="autorka@example.cz", language="en")
    offer = make_offer(author=author)
    page = client.get(offer.get_absolute_url()).content.decode()
    assert "autorka@example.cz" not in page
    with django_capture_on_commit_callbacks(execute=True):  # the mail leaves after commit, from a task
        response = client.post(reverse("offers:contact", args=[offer.pk]),
                               {"name": "Jana", "email": "jana@example.cz", "message": "Máme zájem.", "website": ""})
        assert response.status_code == 302 and mailoutbox == []
    sent = mailoutbox[-1]
    assert sent.to == ["autorka@example.cz"] and sent.reply_to == ["jana@example.cz"]
    assert "Máme zájem." in sent.body and offer.title in sent.subject
    assert "A reply to your item" in sent.subject  # in the author's language, whoever wrote
    assert OfferMessage.objects.get().mailed_at is not None


def test_contact_message_is_stored_when_the_mail_server_fails(client, monkeypatch,
                                                              django_capture_on_commit_callbacks):
    offer = make_offer()

    def broken(*args, **kwargs):
        raise ConnectionRefusedError

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", broken)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("offers:contact", args=[offer.pk]),
                               {"name": "Jana", "email": "jana@example.cz", "message": "Zájem", "website": ""})
    assert response.status_code == 302
    assert OfferMessage.objects.get().mailed_at is None


def test_contact_form_errors_and_rate_limit(client, mailoutbox, django_capture_on_commit_callbacks):
    offer = make_offer()
    url = reverse("offers:contact", args=[offer.pk])
    assert client.post(url, {"name": "", "email": "bad", "message": ""}).status_code == 400
    assert client.get(url).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(5):
            client.post(url, {"name": "J", "email": "j@example.cz", "message": "m"})
        assert client.post(url, {"name": "J", "email": "j@example.cz", "message": "m"}).status_code == 429
    assert len(mailoutbox) == 4  # the refused attempt counted too


def test_expired_item_cannot_be_contacted(client):
    offer = make_offer(valid_until=timezone.localdate() - dt.timedelta(days=1))
    response = client.post(reverse("offers:contact", args=[offer.pk]),
                           {"name": "J", "email": "j@example.cz", "message": "m"})
    assert response.status_code == 404


def test_author_marks_resolved_and_reopens(client, poster):
    offer = make_offer(author=poster)
    client.force_login(poster)
    client.post(reverse("offers:resolve", args=[offer.pk]))
    offer.refresh_from_db()
    assert offer.resolved_at is not None
    assert offer not in client.get(reverse("offers:index")).context["page"].object_list
    client.post(reverse("offers:resolve", args=[offer.pk]), {"reopen": "1"})
    offer.refresh_from_db()
    assert offer.resolved_at is None


# --- Moderation and permissions -----------------------------------------------------------------------


def test_flags_from_three_verified_people_hide_an_item(client):
    from discussions import moderation

    offer = make_offer()
    for _ in range(3):
        moderation.flag(offer, by=UserFactory(verified=True), reason=Flag.Reason.SPAM)
    offer.refresh_from_db()
    assert offer.is_hidden
    assert offer not in client.get(reverse("offers:index")).context["page"].object_list


def test_anyone_logged_in_flags_an_item_through_the_forum_flag_form(client, user, moderator):
    offer = make_offer()
    url = reverse("discussions:flag", args=["offers.offer", offer.pk])
    assert client.get(url).status_code == 302  # anonymous: log in first
    client.force_login(user)
    assert client.get(url).status_code == 200
    client.post(url, {"reason": "spam", "note": "Reklama na půjčky"})
    flag = Flag.objects.get()
    assert flag.content_object == offer and flag.reporter == user
    client.force_login(moderator)
    queue = client.get(reverse("discussions:queue")).content.decode()
    assert offer.get_absolute_url() in queue


def test_moderator_hides_with_a_reason_and_it_is_logged(client, moderator):
    offer = make_offer()
    client.force_login(moderator)
    url = reverse("offers:moderate", args=[offer.pk])
    client.post(url, {"action": "hide", "reason": ""})
    offer.refresh_from_db()
    assert not offer.is_hidden  # a reason is required
    client.post(url, {"action": "hide", "reason": "Reklama"})
    offer.refresh_from_db()
    assert offer.is_hidden and offer.hidden_reason == "Reklama"
    action = ModerationAction.objects.get()
    assert action.actor == moderator and action.reason == "Reklama"
    assert client.get(offer.get_absolute_url()).status_code == 200  # moderators still see it


def test_a_hiding_reason_postgresql_cannot_store_is_a_message(client, moderator):
    offer = make_offer()
    client.force_login(moderator)
    url = english(reverse("offers:moderate", args=[offer.pk]))
    for reason in ("a\x00b", "x" * 301):
        response = client.post(url, {"action": "hide", "reason": reason}, follow=True)
        assert response.status_code == 200
        assert response.context["messages"] and not Offer.objects.get().is_hidden


ROLES = ["anonymous", "user", "poster", "author", "moderator", "coordinator", "other_region_coordinator"]


@pytest.fixture
def person(request, db):
    name = request.param
    if name == "anonymous":
        return None
    if name == "poster":
        return accept_rules(UserFactory(verified=True))
    if name == "author":
        return "author"
    return request.getfixturevalue(name)


# (role) → expected status of: edit page, resolve, moderate
EXPECTED = {
    "anonymous": (302, 302, 302),
    "user": (403, 403, 403),
    "poster": (403, 403, 403),
    "author": (200, 302, 403),
    "moderator": (200, 302, 302),
    "coordinator": (200, 302, 302),
    "other_region_coordinator": (403, 403, 403),
}


@pytest.mark.parametrize("person", ROLES, indirect=True)
def test_permission_matrix(client, person, request):
    role = request.node.callspec.params["person"]
    author = accept_rules(UserFactory(verified=True))
    offer = make_offer(author=author)
    if person == "author":
        person = author
    if person is not None:
        client.force_login(person)
    statuses = (client.get(reverse("offers:edit", args=[offer.pk])).status_code,
                client.post(reverse("offers:resolve", args=[offer.pk])).status_code,
                client.post(reverse("offers:moderate", args=[offer.pk]), {"action": "hide", "reason": "r"}).status_code)
    assert statuses == EXPECTED[role]
    assert client.get(reverse("offers:index")).status_code == 200
    assert client.get(offer.get_absolute_url()).status_code == 200


def test_admin_is_scoped_to_the_coordinators_kraj(client, coordinator):
    home = make_offer(title="Doma")
    away = make_offer(title="Jinde", kraj=Kraj.objects.exclude(pk=home_kraj().pk).first())
    client.force_login(coordinator)
    changelist = client.get(reverse("admin:offers_offer_changelist"))
    assert changelist.status_code == 200
    assert list(changelist.context["cl"].result_list) == [home]
    assert client.get(reverse("admin:offers_offer_change", args=[away.pk])).status_code in (302, 404)


def test_moderator_role_can_moderate_any_kraj(moderator):
    from discussions.offers.permissions import can_moderate_offer

    offer = make_offer(kraj=Kraj.objects.exclude(pk=home_kraj().pk).first())
    assert can_moderate_offer(moderator, offer)
    assert not can_moderate_offer(UserFactory(roles=[roles.COALITION_COORDINATOR]), offer)


def test_sitemap_lists_only_current_items(client):
    current = make_offer(title="Aktuální")
    hidden = make_offer(title="Skrytá", is_hidden=True)
    expired = make_offer(title="Prošlá", valid_until=timezone.localdate() - dt.timedelta(days=1))
    xml = client.get("/sitemap.xml").content.decode()
    assert current.get_absolute_url() in xml
    assert hidden.get_absolute_url() not in xml and expired.get_absolute_url() not in xml
