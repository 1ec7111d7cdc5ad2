"""The coordinator's dashboard (/koordinace/): who may open it, that it counts only the coordinator's own
kraje, that every number links to an admin list showing the same records, and a fixed number of queries."""

import datetime as dt
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from coalitions.models import Meeting
from discussions.models import Flag, Post
from discussions.offers.models import Offer
from portal.dashboard import all_attention_items
from services.models import CapacityReport, ImportRun, RecordCorrection
from territory.models import Kraj, Obec
from tests.accounts.factories import UserFactory
from tests.coalitions.factories import (
    AgendaItemFactory,
    CoalitionFactory,
    MeetingFactory,
    MembershipFactory,
    MinutesFactory,
    TaskFactory,
    english,
)
from tests.discussions.factories import BoardFactory, PostFactory, ThreadFactory
from tests.discussions.test_offers import make_offer
from tests.services.factories import make_provider_staff, make_service

pytestmark = pytest.mark.django_db

URL = "/cs/koordinace/"


def brno():
    return Obec.objects.filter(orp__kraj__nuts3="CZ064").order_by("pk").first()


def make_region(kraj_obec=None, *, label: str, board_coalition=None):
    """One of everything that needs attention, in the kraj of `kraj_obec` (home kraj by default)."""
    old = timezone.localdate() - dt.timedelta(days=90)
    kraj = kraj_obec.orp.kraj if kraj_obec else Kraj.objects.get(nuts3="CZ020")
    outdated = make_service(name=f"Domov {label} zastaralý", free_places=2, as_of=old,
                            **({"obec": kraj_obec} if kraj_obec else {}))
    make_service(name=f"Domov {label} aktuální", free_places=1, **({"obec": kraj_obec} if kraj_obec else {}))
    # Implausible: the waiting list jumped from 2 to 40 (services.models.capacity.implausibility).
    jumped = make_service(name=f"Domov {label} pořadník", free_places=1, waiting_list=2,
                          as_of=timezone.localdate() - dt.timedelta(days=7), **({"obec": kraj_obec} if kraj_obec else {}))
    CapacityReport.record(service=jumped, form="pob", unit="luzka", free_places=1, waiting_list=40)
    RecordCorrection.objects.create(service=outdated, message="Špatný telefon")
    RecordCorrection.objects.create(service=outdated, message="Vyřešeno", resolved_at=timezone.now())
    coalition = CoalitionFactory(name=f"Koalice {label}", kraj=kraj)
    MeetingFactory(coalition=coalition, title=f"Bez programu {label}")
    with_agenda = MeetingFactory(coalition=coalition, title=f"S programem {label}")
    AgendaItemFactory(meeting=with_agenda)
    past = timezone.now() - dt.timedelta(days=10)
    MeetingFactory(coalition=coalition, title=f"Bez zápisu {label}", status="held", starts_at=past,
                   ends_at=past + dt.timedelta(hours=2))
    approved = MeetingFactory(coalition=coalition, title=f"Se zápisem {label}", status="held", starts_at=past,
                              ends_at=past + dt.timedelta(hours=2))
    MinutesFactory(meeting=approved, status="approved")
    TaskFactory(coalition=coalition, text=f"Úkol po termínu {label}",
                deadline=timezone.localdate() - dt.timedelta(days=3))
    TaskFactory(coalition=coalition, text=f"Úkol v termínu {label}")
    board = BoardFactory(coalition=coalition)
    thread = ThreadFactory(category=board)
    post = PostFactory(thread=thread)
    Flag.objects.create(content_type=ContentType.objects.get_for_model(Post), object_id=post.pk,
                        reporter=UserFactory(), reason="spam")
    return kraj


@pytest.fixture
def regions():
    return {"home": make_region(label="Kladno"), "away": make_region(brno(), label="Brno")}


def numbers(html: str) -> dict:
    return {key: int(count) for key, count in re.findall(
        r'id="attention-([\w-]+)"><a href="[^"]*"><strong class="dashboard-count">(\d+)</strong>', html)}


EXPECTED = {"outdated": 1, "implausible": 1, "unverified": 3, "corrections": 1, "moderation": 1, "no_agenda": 1,
            "no_minutes": 1, "overdue_tasks": 1,
            "overdue-actions": 0,  # network: counted in tests/network/test_audits.py
            # families: counted in tests/families/test_dashboard.py
            "families-waiting": 0, "families-no-offer": 0, "families-agreements-ending": 0,
            "comments_to_settle": 0, "measures_late": 0}  # planning: counted in tests/planning/test_dashboard.py


@pytest.fixture
def coalition_coordinator(db):
    person = UserFactory(is_staff=True, verified=True, roles=[roles.COALITION_COORDINATOR])
    MembershipFactory(person=person, role="coordinator")
    return person


@pytest.fixture
def provider_staff(db):
    return make_provider_staff(verified=True)


@pytest.mark.parametrize("role", ["user", "verified_user", "moderator", "provider_staff",
                                  "coalition_coordinator"])
def test_it_refuses_everyone_but_coordinators(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(URL).status_code == 403


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("account_login") in response.url


def test_it_counts_only_the_coordinators_kraj(client, coordinator, regions):
    client.force_login(coordinator)
    response = client.get(english(URL))
    assert response.status_code == 200
    html = response.content.decode()
    assert numbers(html) == EXPECTED
    assert list(numbers(html)) == list(EXPECTED)  # the page's order: registry, forum, coalitions
    assert "Středočeský kraj" in html


def test_other_region_coordinator_sees_their_own_numbers(client, other_region_coordinator, regions):
    other_region_coordinator.coordinated_kraje.set([regions["away"]])
    client.force_login(other_region_coordinator)
    html = client.get(english(URL)).content.decode()
    # The same one of everything, but Brno's; the topic categories (none flagged here) are the home kraj's.
    assert numbers(html) == EXPECTED


def test_a_superuser_sees_every_kraj(client, regions):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    html = client.get(english(URL)).content.decode()
    assert numbers(html) == {key: 2 * count for key, count in EXPECTED.items()}


def test_pending_posts_of_topics_count_for_the_home_kraj_only(coordinator, other_region_coordinator):
    thread = ThreadFactory()
    thread.add_post(author=UserFactory(), body="Čeká na schválení", pending=True)
    mine = {item.key: item.count for item in all_attention_items(coordinator)}
    theirs = {item.key: item.count for item in all_attention_items(other_region_coordinator)}
    assert mine["moderation"] == 1 and theirs["moderation"] == 0


def test_flagged_offers_count_in_their_own_kraj(coordinator, other_region_coordinator):
    other_region_coordinator.coordinated_kraje.set([Kraj.objects.get(nuts3="CZ064")])
    offer = make_offer()  # in the home kraj
    for reporter in (UserFactory(), UserFactory()):  # one object, however many flags
        Flag.objects.create(content_type=ContentType.objects.get_for_model(Offer), object_id=offer.pk,
                            reporter=reporter, reason="spam")
    mine = {item.key: item.count for item in all_attention_items(coordinator)}
    theirs = {item.key: item.count for item in all_attention_items(other_region_coordinator)}
    assert mine["moderation"] == 1 and theirs["moderation"] == 0


def test_every_number_links_to_a_list_with_the_same_records(client, coordinator, regions):
    client.force_login(coordinator)
    for item in all_attention_items(coordinator):
        if item.key == "moderation":
            assert item.url == reverse("discussions:queue")
            continue
        response = client.get(item.url)
        assert response.status_code == 200, item.url
        assert response.context["cl"].result_count == item.count, item.key


def test_the_meeting_links_show_the_meetings_that_need_attention(client, coordinator, regions):
    client.force_login(coordinator)
    items = {item.key: item for item in all_attention_items(coordinator)}
    html = client.get(items["no_agenda"].url).content.decode()
    assert "Bez programu Kladno" in html and "S programem Kladno" not in html and "Brno" not in html
    html = client.get(items["no_minutes"].url).content.decode()
    assert "Bez zápisu Kladno" in html and "Se zápisem Kladno" not in html
    html = client.get(items["overdue_tasks"].url).content.decode()
    assert "Úkol po termínu Kladno" in html and "Úkol v termínu" not in html


def test_it_shows_the_last_import_and_its_problems(client, coordinator):
    ImportRun.objects.create(file_name="stary.json", created_at=timezone.now() - dt.timedelta(days=2))
    run = ImportRun.objects.create(file_name="rpss.json", status=ImportRun.Status.DONE,
                                   problems=[{"item": 1, "message": "x"}, {"item": 2, "message": "y"}],
                                   counts={"problems_left_off": 3})
    client.force_login(coordinator)
    html = client.get(english(URL)).content.decode()
    assert numbers(html)["import-problems"] == 5
    assert reverse("admin:services_importrun_change", args=[run.pk]) in html
    assert client.get(reverse("admin:services_importrun_change", args=[run.pk])).status_code == 200


def test_the_page_runs_a_fixed_number_of_queries(client, coordinator, django_assert_num_queries):
    client.force_login(coordinator)
    make_region(label="A")
    client.get(URL)  # warm up caches that are not per request (content types, the home kraj)
    with django_assert_num_queries(QUERIES):
        client.get(URL)
    for n in range(3):
        make_region(label=f"B{n}")
    ImportRun.objects.create(file_name="rpss.json", problems=[{"item": 1}])
    with django_assert_num_queries(QUERIES):
        client.get(URL)


# Session and user (2), the role check (1), kraje (1), and what the apps' dashboard.py modules count: registry
# (3, and 1 for the last import), forum (3: home kraj, flags of posts and offers, pending posts), coalitions (2),
# planning (2), network (1: overdue corrective actions), families (2: late requests, agreements ending).
QUERIES = 18


def test_the_menu_and_the_admin_index_link_it_for_coordinators_only(client, coordinator, user):
    client.force_login(coordinator)
    assert reverse("portal:dashboard") in client.get("/cs/").content.decode()
    assert reverse("portal:dashboard") in client.get("/cs/admin/").content.decode()
    client.force_login(user)
    assert reverse("portal:dashboard") not in client.get("/cs/").content.decode()


def test_unverified_reports_of_another_kraj_are_not_counted(coordinator):
    service = make_service(obec=brno(), free_places=3)
    assert CapacityReport.objects.filter(service=service).exists()
    assert {item.key: item.count for item in all_attention_items(coordinator)}["unverified"] == 0


def test_a_cancelled_upcoming_meeting_needs_no_agenda(coordinator):
    MeetingFactory(status=Meeting.Status.CANCELLED)
    assert {item.key: item.count for item in all_attention_items(coordinator)}["no_agenda"] == 0


def test_the_menu_link_goes_when_the_role_is_taken_away(client, coordinator):
    client.force_login(coordinator)
    coordinator.groups.clear()
    assert client.get(URL).status_code == 403
    assert reverse("portal:dashboard") not in client.get("/cs/").content.decode()
