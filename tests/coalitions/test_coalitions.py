"""The coalition list (coalitions:index) and a coalition's page (coalitions:detail)."""

# ruff: noqa: F811 (the role fixtures are imported from tests.coalitions.factories and used as arguments)

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from coalitions.models import Coalition, Membership
from services.models import ServiceType
from territory.models import Kraj, Orp, home_kraj
from tests.coalitions.factories import (  # noqa: F401
    MANAGERS,
    MEMBERS_ONLY_READERS,
    ROLES,
    CoalitionFactory,
    DocumentFactory,
    MeetingFactory,
    MembershipFactory,
    TaskFactory,
    coalition,
    coalition_coordinator,
    english,
    log_in_as,
    member,
    other_member,
)

pytestmark = pytest.mark.django_db

INDEX = reverse("coalitions:index")


def detail_url(coalition):
    return reverse("coalitions:detail", args=[coalition.slug])




def names_in(response) -> list[str]:
    return [coalition.name for coalition in response.context["coalitions"]]


# --- The list -----------------------------------------------------------------------------------------------


def test_it_lists_active_coalitions_with_kind_territory_members_and_next_meeting(client):
    kladno = Orp.objects.get(name="Kladno")
    coalition = CoalitionFactory(name="Koalice Kladensko", kind=Coalition.Kind.WORKING_GROUP, orps=[kladno])
    MembershipFactory.create_batch(3, coalition=coalition)
    MembershipFactory(coalition=coalition, left_on=dt.date(2024, 6, 30))  # a former member does not count
    MeetingFactory(coalition=coalition, title="Zrušené", status="cancelled",
                   starts_at=timezone.now() + dt.timedelta(days=1))
    MeetingFactory(coalition=coalition, title="Nezveřejněné", published=False,
                   starts_at=timezone.now() + dt.timedelta(days=2))
    meeting = MeetingFactory(coalition=coalition, starts_at=timezone.now() + dt.timedelta(days=10))
    MeetingFactory(coalition=coalition, starts_at=timezone.now() + dt.timedelta(days=40))
    CoalitionFactory(name="Ukončená koalice", status=Coalition.Status.CLOSED)

    response = client.get(english(INDEX))

    assert response.status_code == 200
    assert names_in(response) == ["Koalice Kladensko"]
    assert response.context["coalitions"][0].member_count == 3
    html = response.content.decode()
    assert "Working group" in html
    assert "Středočeský kraj" in html and "Kladno" in html
    assert "3 members" in html
    assert reverse("coalitions:meeting", args=[coalition.slug, meeting.pk]) in html


@pytest.mark.parametrize("role", ROLES)
def test_everyone_sees_the_same_list(client, request, coalition, role):
    CoalitionFactory(name="Interní skupina", visibility=Coalition.Visibility.MEMBERS)
    log_in_as(client, request, role)
    response = client.get(INDEX)
    assert response.status_code == 200
    # Members-only material is internal; the coalition itself, its members and meetings are public.
    assert {"Interní skupina", "Partnerská koalice Kladensko"} <= set(names_in(response))


def test_a_coalition_for_the_whole_kraj_says_so(client):
    CoalitionFactory()
    assert "the whole kraj" in client.get(english(INDEX)).content.decode()


@pytest.mark.parametrize("status, expected", [
    ("", ["Aktivní"]), ("active", ["Aktivní"]), ("closed", ["Ukončená"]), ("all", ["Aktivní", "Ukončená"]),
])
def test_it_filters_by_status(client, status, expected):
    CoalitionFactory(name="Aktivní")
    CoalitionFactory(name="Ukončená", status=Coalition.Status.CLOSED)
    assert names_in(client.get(INDEX, {"status": status})) == expected


def test_it_filters_by_kind(client):
    CoalitionFactory(name="Partnerská", kind=Coalition.Kind.PARTNERSHIP)
    CoalitionFactory(name="Pracovní", kind=Coalition.Kind.WORKING_GROUP)
    assert names_in(client.get(INDEX, {"kind": "working"})) == ["Pracovní"]


def test_it_filters_by_service_type(client):
    homes = ServiceType.objects.get(code="DruhSocialniSluzby/13")
    other_type = ServiceType.objects.exclude(pk=homes.pk).first()
    CoalitionFactory(name="Senioři", service_types=[homes, other_type])
    CoalitionFactory(name="Bez služeb")
    response = client.get(INDEX, {"topic": homes.pk})
    assert names_in(response) == ["Senioři"]
    # Only service types some coalition works on are offered.
    assert set(response.context["form"].fields["topic"].queryset) == {homes, other_type}


def test_it_filters_by_kraj(client):
    other_kraj = Kraj.objects.exclude(pk=home_kraj().pk).first()
    CoalitionFactory(name="Doma")
    CoalitionFactory(name="Jinde", kraj=other_kraj)
    assert names_in(client.get(INDEX, {"kraj": other_kraj.pk})) == ["Jinde"]


def test_an_orp_finds_its_coalitions_and_those_for_its_whole_kraj(client):
    kladno, slany = Orp.objects.get(name="Kladno"), Orp.objects.get(name="Slaný")
    CoalitionFactory(name="Kladensko", orps=[kladno])
    CoalitionFactory(name="Slánsko", orps=[slany])
    CoalitionFactory(name="Celý kraj")
    CoalitionFactory(name="Jiný kraj", kraj=Kraj.objects.exclude(pk=home_kraj().pk).first())
    assert names_in(client.get(INDEX, {"orp": kladno.pk})) == ["Celý kraj", "Kladensko"]


@pytest.mark.parametrize("params", [
    {"kind": "nonsense"}, {"topic": "abc"}, {"topic": "99999999999999999999"}, {"kraj": "-1"},
    {"orp": "x'; drop table"}, {"status": "zzz"}, {"page": "abc"}, {"page": "999"},
])
def test_bad_filter_values_are_form_errors_not_500(client, params):
    CoalitionFactory(name="Aktivní")
    response = client.get(INDEX, params)
    assert response.status_code == 200
    assert names_in(response) == ["Aktivní"]  # the other filters (here: the default status) still apply
    if "page" not in params:
        assert response.context["form"].errors
        assert "error-summary" in response.content.decode()


def test_a_bad_value_leaves_the_other_filters_applied(client):
    CoalitionFactory(name="Partnerská", kind=Coalition.Kind.PARTNERSHIP)
    CoalitionFactory(name="Pracovní", kind=Coalition.Kind.WORKING_GROUP)
    assert names_in(client.get(INDEX, {"kind": "working", "topic": "abc"})) == ["Pracovní"]


@pytest.mark.parametrize("count", [2, 20])
def test_list_runs_fixed_queries(client, django_assert_num_queries, count):
    homes = ServiceType.objects.get(code="DruhSocialniSluzby/13")
    kladno = Orp.objects.get(name="Kladno")
    for each in CoalitionFactory.create_batch(count, service_types=[homes], orps=[kladno]):
        MembershipFactory.create_batch(2, coalition=each)
        MeetingFactory(coalition=each)
    # The chosen service type; count, page, ORPs, service types; the choices of service type, kraj and ORP;
    # the two of every page (demo data banner, home kraj).
    with django_assert_num_queries(10):
        response = client.get(INDEX, {"topic": homes.pk})
    assert len(response.context["coalitions"]) == count


# --- A coalition's page ----------------------------------------------------------------------------------


def test_unknown_slug_is_404(client):
    assert client.get(reverse("coalitions:detail", args=["neni-takova"])).status_code == 404


def test_it_shows_purpose_as_sanitised_markdown(client, coalition):
    coalition.description = "Plánujeme **společně**.\n\n<script>alert(1)</script>"
    coalition.save()
    html = client.get(detail_url(coalition)).content.decode()
    assert "<strong>společně</strong>" in html
    assert "<script>alert" not in html


def test_it_groups_current_members_by_triad_side_and_organisation_without_emails(client, coalition):
    jana = MembershipFactory(coalition=coalition, triad_side=Membership.TriadSide.PROVIDER,
                             organisation_name="Charita Kladno", role=Membership.Role.CHAIR)
    petr = MembershipFactory(coalition=coalition, triad_side=Membership.TriadSide.PROVIDER,
                             organisation_name="Charita Kladno")
    MembershipFactory(coalition=coalition, triad_side=Membership.TriadSide.COMMISSIONER,
                      organisation_name="Statutární město Kladno")
    former = MembershipFactory(coalition=coalition, organisation_name="Bývalá organizace",
                               left_on=dt.date(2024, 12, 31))

    response = client.get(english(detail_url(coalition)))

    sides = dict(response.context["members"])
    assert list(sides) == ["provider", "commissioner (municipality)"]  # the triad's order, not alphabetical
    assert [(name, [m.pk for m in memberships]) for name, memberships in sides["provider"]] == [
        ("Charita Kladno", [jana.pk, petr.pk])]
    html = response.content.decode()
    assert jana.person.public_name in html and "(chair)" in html
    assert "Bývalá organizace" not in html and former.person.public_name not in html
    assert "@" not in html.split('id="members-heading"')[1]  # never an e-mail address


def test_it_splits_upcoming_and_past_meetings(client, coalition):
    upcoming = MeetingFactory(coalition=coalition, title="Jarní setkání")
    past = MeetingFactory(coalition=coalition, title="Zimní setkání", status="held",
                          starts_at=timezone.now() - dt.timedelta(days=30))
    response = client.get(detail_url(coalition))
    assert response.context["upcoming_meetings"] == [upcoming]
    assert response.context["past_meetings"] == [past]
    assert reverse("coalitions:meeting", args=[coalition.slug, upcoming.pk]) in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_unpublished_meetings_only_for_managers(client, request, coalition, role):
    MeetingFactory(coalition=coalition, title="Připravované setkání", published=False)
    log_in_as(client, request, role)
    html = client.get(detail_url(coalition)).content.decode()
    assert ("Připravované setkání" in html) is (role in MANAGERS)


@pytest.mark.parametrize("role", ROLES)
def test_management_links_only_for_managers(client, request, coalition, role):
    log_in_as(client, request, role)
    html = client.get(detail_url(coalition)).content.decode()
    assert reverse("coalitions:coalition-ics", args=[coalition.slug]) in html  # for everyone
    for name in ("coalitions:document-upload", "coalitions:photo-upload", "coalitions:meeting-create"):
        assert (reverse(name, args=[coalition.slug]) in html) is (role in MANAGERS)


@pytest.mark.parametrize("role", ROLES)
def test_members_only_outputs_never_leak_on_the_page(client, request, coalition, role):
    DocumentFactory(coalition=coalition, title="Veřejná metodika")
    DocumentFactory(coalition=coalition, title="Interní analýza kapacit", kind="capacity_analysis",
                    public=False)
    DocumentFactory(coalition=coalition, title="Pozvánka bez setkání", kind="invitation")
    meeting = MeetingFactory(coalition=coalition)
    DocumentFactory(coalition=coalition, title="Prezentace ze setkání", kind="presentation", meeting=meeting)
    DocumentFactory(coalition=coalition, title="Dobrá praxe ze setkání", kind="good_practice",
                    meeting=meeting)
    log_in_as(client, request, role)

    response = client.get(detail_url(coalition))

    assert [d.title for d in response.context["outputs"]] == sorted(
        ["Veřejná metodika", "Dobrá praxe ze setkání"]
        + (["Interní analýza kapacit"] if role in MEMBERS_ONLY_READERS else []))
    assert [d.title for d in response.context["other_documents"]] == ["Pozvánka bez setkání"]
    html = response.content.decode()
    assert ("Interní analýza kapacit" in html) is (role in MEMBERS_ONLY_READERS)
    assert "Prezentace ze setkání" not in html  # meeting documents belong to the meeting's page


def test_open_tasks_with_owner_deadline_and_overdue_mark(client, coalition, member):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    TaskFactory(coalition=coalition, text="Sepsat metodiku", owner=member,
                owner_organisation="Charita Kladno")
    TaskFactory(coalition=coalition, text="Zmapovat kapacity", deadline=yesterday)
    TaskFactory(coalition=coalition, text="Hotový úkol", status="done")
    response = client.get(english(detail_url(coalition)))
    assert [task.text for task in response.context["tasks"]] == ["Zmapovat kapacity", "Sepsat metodiku"]
    html = response.content.decode()
    assert member.public_name in html and "Charita Kladno" in html
    assert html.count('class="is-overdue"') == 1 and "overdue</strong>" in html
    assert "Hotový úkol" not in html


@pytest.mark.parametrize("role", ROLES)
def test_tasks_of_a_members_only_coalition_only_for_members(client, request, coalition, role):
    coalition.visibility = Coalition.Visibility.MEMBERS
    coalition.save()
    TaskFactory(coalition=coalition, text="Interní úkol")
    log_in_as(client, request, role)
    html = client.get(detail_url(coalition)).content.decode()
    assert ("Interní úkol" in html) is (role in MEMBERS_ONLY_READERS)


@pytest.mark.parametrize("role, queries", [
    ("anonymous", 9),
    # + session, user; the person's memberships, groups and coordinated kraje (can_manage); groups again
    # (visible_documents_q asks whether the person coordinates a kraj)
    ("coordinator", 15),
])
@pytest.mark.parametrize("count", [2, 20])
def test_detail_runs_fixed_queries(client, request, django_assert_num_queries, coalition, role, queries,
                                   count):
    for _ in range(count):
        MembershipFactory(coalition=coalition)
        MeetingFactory(coalition=coalition)
        DocumentFactory(coalition=coalition)
        TaskFactory(coalition=coalition, owner=MembershipFactory(coalition=coalition).person)
    log_in_as(client, request, role)
    # coalition, ORPs, service types, meetings, documents, tasks, members; demo data banner, home kraj
    with django_assert_num_queries(queries):
        response = client.get(detail_url(coalition))
    assert len(response.context["outputs"]) == count
