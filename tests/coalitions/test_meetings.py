"""A meeting's page (coalitions:meeting), registration (meeting-register), the coordinators' meeting and
agenda form (meeting-create, meeting-edit), publishing (meeting-publish) and attendance
(meeting-attendance)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from coalitions.models import AgendaItem, Meeting, Membership, Minutes, Registration, Task
from territory.models import Obec
from tests.accounts.factories import UserFactory
from tests.coalitions.factories import (  # noqa: F401
    MANAGERS,
    MEMBERS_ONLY_READERS,
    ROLES,
    AgendaItemFactory,
    CoalitionFactory,
    DocumentFactory,
    MeetingFactory,
    MembershipFactory,
    MinutesFactory,
    PhotoFactory,
    TaskFactory,
    coalition,
    coalition_coordinator,
    log_in_as,
    member,
    other_member,
)
from tests.i18n import english

pytestmark = pytest.mark.django_db

REGISTRANTS = {"member", "coalition_coordinator", "coordinator"}  # permissions.can_register



@pytest.fixture
def meeting(coalition):
    return MeetingFactory(coalition=coalition, title="Setkání o kapacitách", number=3, series_total=6)


def url(name, meeting, lang="en"):
    with translation.override(lang):
        return reverse(name, args=[meeting.coalition.slug, meeting.pk])


def en(path: str) -> str:
    """The English address of a path reversed in whatever language the last request left active."""
    return english(path)


def page(client, meeting, lang="en"):
    return client.get(url("coalitions:meeting", meeting, lang))


# --- The page -------------------------------------------------------------------------------------


def test_it_shows_series_time_place_and_typed_agenda_with_speakers(client, coalition):
    starts = timezone.make_aware(dt.datetime(2031, 6, 3, 9, 0))
    meeting = MeetingFactory(coalition=coalition, title="Třetí setkání", number=3, series_total=6,
                             starts_at=starts, ends_at=starts + dt.timedelta(hours=3), place_kind="hybrid",
                             address="Náměstí Starosty Pavla 44", obec=Obec.objects.get(pk=532053),
                             online_url="https://meet.example.cz/koalice")
    AgendaItemFactory(meeting=meeting, order=1, kind="educational", title="Dluhová problematika",
                      speaker="Mgr. Jana Dvořáková", starts_at=dt.time(9, 0), ends_at=dt.time(10, 30),
                      description="Jak **pomoci** klientům.")
    AgendaItemFactory(meeting=meeting, order=2, kind="consultation", title="Kazuistiky")

    html = page(client, meeting).content.decode()

    assert "Meeting 3 of 6" in html
    assert "Tuesday 3 June 2031, 09:00–12:00" in html  # one English date style: portal/formats/en
    assert "Náměstí Starosty Pavla 44, Kladno" in html and 'href="https://meet.example.cz/koalice"' in html
    assert "educational block" in html and "consultation" in html
    assert "Mgr. Jana Dvořáková" in html and "<strong>pomoci</strong>" in html
    assert html.index("Dluhová problematika") < html.index("Kazuistiky")
    assert url("coalitions:meeting-ics", meeting) in html


def test_it_uses_czech_formats_in_czech(client, coalition):
    starts = timezone.make_aware(dt.datetime(2031, 6, 3, 9, 0))
    meeting = MeetingFactory(coalition=coalition, starts_at=starts, ends_at=starts + dt.timedelta(hours=2))
    html = page(client, meeting, lang="cs").content.decode()
    assert "3. června 2031, 9:00–11:00" in html


def test_a_cancelled_meeting_says_why_and_offers_no_registration(client, coalition, member):
    meeting = MeetingFactory(coalition=coalition, status="cancelled", cancel_reason="Nemoc lektorky")
    client.force_login(member)
    html = page(client, meeting).content.decode()
    assert "The meeting is cancelled." in html and "Nemoc lektorky" in html
    assert 'value="register"' not in html


def test_discuss_links_appear_only_on_items_worth_discussing_and_for_people_who_can_post(client, meeting, member):
    AgendaItemFactory(meeting=meeting, kind="discussion", title="Kapacity odlehčovacích služeb")
    AgendaItemFactory(meeting=meeting, kind="break", title="Přestávka na kávu")
    anonymous = page(client, meeting).content.decode()
    assert "Discuss this item" not in anonymous
    assert "discuss the programme on" in anonymous and "Log in</a> to take part" in anonymous
    client.force_login(member)
    html = page(client, meeting).content.decode()
    assert html.count("Discuss this item") == 1  # the discussion item, not the coffee break
    assert "discuss the programme on" not in html


@pytest.mark.parametrize("role", ROLES)
def test_an_unpublished_meeting_exists_only_for_managers(client, request, coalition, role):
    meeting = MeetingFactory(coalition=coalition, published=False)
    log_in_as(client, request, role)
    assert page(client, meeting).status_code == (200 if role in MANAGERS else 404)


@pytest.mark.parametrize("role", ROLES)
def test_a_published_meeting_is_public(client, request, meeting, role):
    log_in_as(client, request, role)
    assert page(client, meeting).status_code == 200


def test_it_is_404_under_another_coalition(client, meeting):
    other = CoalitionFactory()
    response = client.get(reverse("coalitions:meeting", args=[other.slug, meeting.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_members_only_materials_show_only_to_members_and_managers(client, request, meeting, role):
    item = AgendaItemFactory(meeting=meeting, kind="lecture", title="Přednáška")
    coalition = meeting.coalition
    DocumentFactory(coalition=coalition, meeting=meeting, agenda_item=item, title="Veřejná prezentace")
    DocumentFactory(coalition=coalition, meeting=meeting, agenda_item=item, title="Interní podklad",
                    public=False)
    DocumentFactory(coalition=coalition, meeting=meeting, title="Pozvánka k setkání", kind="invitation")
    log_in_as(client, request, role)
    html = page(client, meeting).content.decode()
    assert "Veřejná prezentace" in html and "Pozvánka k setkání" in html
    assert ("Interní podklad" in html) is (role in MEMBERS_ONLY_READERS)


def test_open_tasks_of_earlier_meetings_appear_on_the_next_agenda(client, coalition):
    now = timezone.now()
    third = MeetingFactory(coalition=coalition, number=3, starts_at=now - dt.timedelta(days=30),
                           ends_at=now - dt.timedelta(days=30) + dt.timedelta(hours=2))
    fourth = MeetingFactory(coalition=coalition, number=4)
    fifth = MeetingFactory(coalition=coalition, number=5, starts_at=now + dt.timedelta(days=60),
                           ends_at=now + dt.timedelta(days=60, hours=2))
    TaskFactory(coalition=coalition, meeting=third, text="Zmapovat volná místa v ORP Kladno")
    TaskFactory(coalition=coalition, meeting=third, text="Hotový úkol", status="done")
    TaskFactory(coalition=coalition, meeting=fourth, text="Úkol ze čtvrtého setkání")
    TaskFactory(text="Úkol jiné koalice")

    html = page(client, fourth).content.decode()
    assert "Review of open tasks" in html
    assert "Zmapovat volná místa v ORP Kladno" in html
    assert "Hotový úkol" not in html and "Úkol jiné koalice" not in html
    agenda = html[html.index('id="agenda-heading"'):html.index('id="minutes-heading"')]
    assert "Úkol ze čtvrtého setkání" not in agenda  # a task of this very meeting is not reviewed at it
    assert "Úkol ze čtvrtého setkání" in page(client, fifth).content.decode()
    assert "Review of open tasks" not in page(client, third).content.decode()


def test_the_review_goes_into_an_existing_task_review_item(client, coalition):
    earlier = MeetingFactory(coalition=coalition, starts_at=timezone.now() - dt.timedelta(days=30),
                             ends_at=timezone.now() - dt.timedelta(days=30, hours=-2))
    meeting = MeetingFactory(coalition=coalition)
    AgendaItemFactory(meeting=meeting, order=5, kind=AgendaItem.Kind.TASK_REVIEW, title="Kontrola úkolů")
    TaskFactory(coalition=coalition, meeting=earlier, text="Oslovit obce ORP")
    html = page(client, meeting).content.decode()
    assert "Review of open tasks" not in html  # no extra block: the coordinators' own item holds the list
    assert html.index("Kontrola úkolů") < html.index("Oslovit obce ORP")


def test_managers_can_close_reviewed_tasks_from_the_page(client, coalition, coalition_coordinator, member):
    earlier = MeetingFactory(coalition=coalition, starts_at=timezone.now() - dt.timedelta(days=30),
                             ends_at=timezone.now() - dt.timedelta(days=30, hours=-2))
    meeting = MeetingFactory(coalition=coalition)
    task = TaskFactory(coalition=coalition, meeting=earlier)
    with translation.override("en"):  # the page below is the English one
        status_url = reverse("coalitions:task-status", args=[coalition.slug, task.pk])
    client.force_login(member)
    assert status_url not in page(client, meeting).content.decode()
    client.force_login(coalition_coordinator)
    assert status_url in page(client, meeting).content.decode()


def test_it_summarises_attendance_by_organisation_and_side_of_the_triad(client, coalition):
    meeting = MeetingFactory(coalition=coalition, starts_at=timezone.now() - dt.timedelta(days=1),
                             ends_at=timezone.now() - dt.timedelta(days=1, hours=-2))
    came = [
        MembershipFactory(coalition=coalition, organisation_name="Charita Kladno", triad_side="provider"),
        MembershipFactory(coalition=coalition, organisation_name="Statutární město Kladno",
                          triad_side="commissioner"),
        MembershipFactory(coalition=coalition, organisation_name="Charita Kladno", triad_side="provider"),
    ]
    stayed_home = MembershipFactory(coalition=coalition, organisation_name="Domov Vzor")
    for membership in came:
        meeting.registrations.create(person=membership.person, status="registered", attended=True)
    meeting.registrations.create(person=stayed_home.person, status="registered", attended=False)
    guest = UserFactory()
    Registration.objects.create(meeting=meeting, person=guest, status="registered", attended=True)

    response = page(client, meeting)
    attendance = response.context["attendance"]
    assert attendance.count == 4
    assert [(g.label, g.organisations) for g in attendance.groups] == [
        ("provider", ["Charita Kladno"]), ("commissioner (municipality)", ["Statutární město Kladno"])]
    assert attendance.without_organisation == 1
    html = response.content.decode()
    assert "4 people attended." in html and "Domov Vzor" not in html


@pytest.mark.parametrize("status, role, shown", [
    ("draft", "member", False), ("draft", "coalition_coordinator", True),
    ("comments", "anonymous", False), ("comments", "member", True), ("comments", "other_member", False),
    ("approved", "anonymous", True), ("approved", "user", True),
])
def test_minutes_text_follows_their_status(client, request, meeting, status, role, shown):
    MinutesFactory(meeting=meeting, status=status, text="Koalice se shodla na **společném postupu**.")
    log_in_as(client, request, role)
    html = page(client, meeting).content.decode()
    assert ("<strong>společném postupu</strong>" in html) is shown
    assert str(Minutes.Status(status).label) in html  # the status is always visible


def test_headings_of_the_minutes_sit_under_the_minutes_heading(client, meeting):
    MinutesFactory(meeting=meeting, status="approved", text="# Úvod\n\n## Body\n\n### Podbod\n\n`<h2>`")
    html = page(client, meeting).content.decode()
    assert "<h3>Úvod</h3>" in html and "<h3>Body</h3>" in html and "<h4>Podbod</h4>" in html
    assert "<code>&lt;h2&gt;</code>" in html  # text that looks like a tag stays text


def test_minutes_of_a_members_only_coalition_stay_with_members(client, user):
    coalition = CoalitionFactory(visibility="members")
    meeting = MeetingFactory(coalition=coalition)
    MinutesFactory(meeting=meeting, status="approved", text="Tajné usnesení")
    assert "Tajné usnesení" not in page(client, meeting).content.decode()
    client.force_login(MembershipFactory(coalition=coalition).person)
    assert "Tajné usnesení" in page(client, meeting).content.decode()


def test_it_lists_decisions_and_tasks_and_shows_photos(client, meeting):
    TaskFactory(coalition=meeting.coalition, meeting=meeting, kind="decision", text="Koalice schvaluje plán")
    TaskFactory(coalition=meeting.coalition, meeting=meeting, text="Rozeslat plán obcím")
    photo = PhotoFactory(meeting=meeting, alt_text="Účastníci u stolu")
    html = page(client, meeting).content.decode()
    assert "Koalice schvaluje plán" in html and "Rozeslat plán obcím" in html
    assert reverse("coalitions:photo", args=[photo.pk]) in html and 'alt="Účastníci u stolu"' in html


def test_it_links_the_previous_and_next_published_meetings(client, coalition, meeting):
    previous = MeetingFactory(coalition=coalition, title="Předchozí setkání",
                              starts_at=meeting.starts_at - dt.timedelta(days=30),
                              ends_at=meeting.starts_at - dt.timedelta(days=30, hours=-2))
    MeetingFactory(coalition=coalition, title="Koncept", published=False,
                   starts_at=meeting.starts_at + dt.timedelta(days=10),
                   ends_at=meeting.starts_at + dt.timedelta(days=10, hours=2))
    following = MeetingFactory(coalition=coalition, title="Další setkání",
                               starts_at=meeting.starts_at + dt.timedelta(days=30),
                               ends_at=meeting.starts_at + dt.timedelta(days=30, hours=2))
    html = page(client, meeting).content.decode()
    assert en(previous.get_absolute_url()) in html
    assert en(following.get_absolute_url()) in html
    assert "Koncept" not in html


def _fill(meeting, *, items: int, people: int):
    coalition = meeting.coalition
    earlier = MeetingFactory(coalition=coalition, starts_at=meeting.starts_at - dt.timedelta(days=30),
                             ends_at=meeting.starts_at - dt.timedelta(days=30, hours=-2))
    for n in range(items):
        item = AgendaItemFactory(meeting=meeting, kind=AgendaItem.Kind.LECTURE)
        DocumentFactory(coalition=coalition, meeting=meeting, agenda_item=item, public=bool(n % 2))
        TaskFactory(coalition=coalition, meeting=earlier, owner=UserFactory())
        TaskFactory(coalition=coalition, meeting=meeting, owner=UserFactory())
        DocumentFactory(coalition=coalition, meeting=meeting)
        PhotoFactory(meeting=meeting)
    for n in range(people):
        membership = MembershipFactory(coalition=coalition, triad_side=["provider", "user", "expert"][n % 3])
        Registration.objects.create(meeting=meeting, person=membership.person, status="registered",
                                    attended=bool(n % 2))
    MinutesFactory(meeting=meeting, status="approved", approved_by=UserFactory())


@pytest.mark.parametrize("role, queries", [("anonymous", 14), ("member", 21), ("coalition_coordinator", 19)])
@pytest.mark.parametrize("items, people", [(1, 2), (15, 40)])
def test_the_page_runs_a_fixed_number_of_queries(client, request, django_assert_num_queries, meeting, role,
                                                 queries, items, people):
    _fill(meeting, items=items, people=people)
    log_in_as(client, request, role)
    with django_assert_num_queries(queries):
        assert page(client, meeting).status_code == 200


# --- Registration ---------------------------------------------------------------------------------


def register(client, meeting, action="register"):
    return client.post(url("coalitions:meeting-register", meeting), {"action": action})


@pytest.mark.parametrize("role", ROLES)
def test_only_members_and_managers_register(client, request, meeting, role, mailoutbox,
                                            django_capture_on_commit_callbacks):
    person = log_in_as(client, request, role)
    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, meeting)
    if role in REGISTRANTS:
        assert response.status_code == 302
        assert Registration.objects.get(meeting=meeting, person=person).status == "registered"
        assert [m.to for m in mailoutbox] == [[person.email]]
    else:
        assert response.status_code == (302 if role == "anonymous" else 403)
        assert not Registration.objects.filter(meeting=meeting).exists()
        assert mailoutbox == []


def test_registration_is_refused_when_closed(client, coalition, member):
    meeting = MeetingFactory(coalition=coalition, registration_open=False)
    client.force_login(member)
    assert register(client, meeting).status_code == 403
    html = page(client, meeting).content.decode()
    assert "Registration is closed." in html


def test_a_double_submit_registers_and_mails_once(client, meeting, member, django_capture_on_commit_callbacks,
                                                  mailoutbox):
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        register(client, meeting)
        register(client, meeting)
    assert Registration.objects.filter(meeting=meeting, person=member).count() == 1
    assert len(mailoutbox) == 1


def test_past_capacity_people_wait_and_a_cancellation_promotes_the_first(client, coalition, meeting,
                                                                         django_capture_on_commit_callbacks,
                                                                         mailoutbox):
    meeting.capacity = 1
    meeting.save()
    first, second, third = (MembershipFactory(coalition=coalition).person for _ in range(3))
    client.force_login(first)
    register(client, meeting)
    client.force_login(second)
    response = register(client, meeting)
    client.force_login(third)
    register(client, meeting)
    assert Registration.objects.get(person=second).status == "waiting"
    assert "waiting list" in client.get(response.url).content.decode()

    html = page(client, meeting).content.decode()  # as the third person
    assert "You are on the waiting list, in place 2." in html

    client.force_login(first)
    with django_capture_on_commit_callbacks(execute=True):
        register(client, meeting, "cancel")
    statuses = dict(Registration.objects.filter(meeting=meeting).values_list("person_id", "status"))
    assert statuses == {first.pk: "cancelled", second.pk: "registered", third.pk: "waiting"}
    assert [m.to for m in mailoutbox] == [[second.email]]
    assert "A seat is free" in mailoutbox[0].subject or "místo" in mailoutbox[0].subject


def test_it_shows_a_full_meeting_and_the_waiting_list_button(client, coalition, meeting, member):
    meeting.capacity = 1
    meeting.save()
    Registration.objects.create(meeting=meeting, person=UserFactory(), status="registered")
    client.force_login(member)
    html = page(client, meeting).content.decode()
    assert "Join the waiting list" in html and "1 of 1 seat taken" in html


def test_apologising_is_recorded(client, meeting, member):
    client.force_login(member)
    register(client, meeting, "apologise")
    assert Registration.objects.get(meeting=meeting, person=member).status == "apologised"
    assert "You have apologised." in page(client, meeting).content.decode()


def test_an_unknown_action_changes_nothing(client, meeting, member):
    client.force_login(member)
    assert register(client, meeting, "delete-everything").status_code == 302
    assert not Registration.objects.filter(meeting=meeting).exists()


def test_registration_is_post_only(client, meeting, member):
    client.force_login(member)
    assert client.get(url("coalitions:meeting-register", meeting)).status_code == 405


# --- Create and edit ------------------------------------------------------------------------------


def meeting_data(**overrides):
    data = {
        "title": "Setkání o dluhové problematice", "number": "4", "series_total": "6",
        "starts_at": "2031-09-10T09:00", "ends_at": "2031-09-10T12:00", "place_kind": "in_person",
        "address": "Náměstí Starosty Pavla 44", "obec": "532053", "online_url": "", "capacity": "30",
        "registration_open": "on", "status": "planned", "cancel_reason": "",
        "agenda-TOTAL_FORMS": "2", "agenda-INITIAL_FORMS": "0", "agenda-MIN_NUM_FORMS": "0",
        "agenda-MAX_NUM_FORMS": "60",
        "agenda-0-order": "1", "agenda-0-kind": "educational", "agenda-0-title": "Dluhy a exekuce",
        "agenda-0-speaker": "JUDr. Petr Malý", "agenda-0-starts_at": "09:00", "agenda-0-ends_at": "10:30",
        "agenda-0-description": "",
        "agenda-1-order": "0", "agenda-1-kind": "", "agenda-1-title": "", "agenda-1-speaker": "",
        "agenda-1-starts_at": "", "agenda-1-ends_at": "", "agenda-1-description": "",
    }
    data.update(overrides)
    return data


def create_url(coalition):
    with translation.override("en"):
        return reverse("coalitions:meeting-create", args=[coalition.slug])


def test_a_forged_agenda_form_count_builds_at_most_60_forms(client, coalition, coalition_coordinator):
    client.force_login(coalition_coordinator)
    response = client.post(create_url(coalition), meeting_data(**{"agenda-TOTAL_FORMS": "100000"}))
    assert response.status_code == 400
    assert len(response.context["agenda"].forms) == 60
    assert "60" in str(response.context["agenda"].non_form_errors())
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_only_managers_create_meetings(client, request, coalition, role):
    log_in_as(client, request, role)
    get = client.get(create_url(coalition))
    response = client.post(create_url(coalition), meeting_data())
    if role in MANAGERS:
        assert get.status_code == 200
        meeting = Meeting.objects.get(coalition=coalition)
        assert response.status_code == 302 and response.url == en(meeting.get_absolute_url())
        assert not meeting.published
        assert meeting.starts_at == timezone.make_aware(dt.datetime(2031, 9, 10, 9, 0))
        assert list(meeting.agenda.values_list("kind", "title", "speaker")) == [
            ("educational", "Dluhy a exekuce", "JUDr. Petr Malý")]
    else:
        assert get.status_code == response.status_code == (302 if role == "anonymous" else 403)
        assert not Meeting.objects.exists()


def test_create_of_an_unknown_coalition_is_404(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("coalitions:meeting-create", args=["neni"])).status_code == 404


@pytest.mark.parametrize("overrides, field, message", [
    ({"ends_at": "2031-09-10T08:00"}, "ends_at", "must end after it starts"),
    ({"place_kind": "online"}, "online_url", "needs the link"),
    ({"address": "", "obec": ""}, "address", "an address or a municipality"),
    ({"status": "cancelled"}, "cancel_reason", "why the meeting is cancelled"),
    ({"number": "7"}, "number", "cannot be higher"),
    ({"obec": "582786"}, "obec", "Select a valid choice"),  # Brno: not in the coalition's kraj
])
def test_the_form_explains_mistakes(client, coalition, coalition_coordinator, overrides, field, message):
    client.force_login(coalition_coordinator)
    response = client.post(create_url(coalition), meeting_data(**overrides))
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not Meeting.objects.exists()


def test_agenda_item_errors_are_listed(client, coalition, coalition_coordinator):
    client.force_login(coalition_coordinator)
    response = client.post(create_url(coalition), meeting_data(**{"agenda-0-ends_at": "08:00"}))
    assert response.status_code == 400
    assert "Item 1, to: The item must end after it starts." in response.content.decode()
    assert not Meeting.objects.exists()


def test_editing_changes_the_meeting_and_its_agenda(client, coalition, coalition_coordinator, meeting):
    keep = AgendaItemFactory(meeting=meeting, order=1, kind="lecture", title="Přednáška")
    drop = AgendaItemFactory(meeting=meeting, order=2, kind="break", title="Přestávka")
    client.force_login(coalition_coordinator)
    assert client.get(url("coalitions:meeting-edit", meeting)).status_code == 200
    data = meeting_data(**{
        "title": "Nový název", "agenda-TOTAL_FORMS": "3", "agenda-INITIAL_FORMS": "2",
        "agenda-0-id": str(keep.pk), "agenda-0-meeting": str(meeting.pk), "agenda-0-kind": "lecture",
        "agenda-0-title": "Přednáška o dluzích",
        "agenda-1-id": str(drop.pk), "agenda-1-meeting": str(meeting.pk), "agenda-1-order": "2",
        "agenda-1-kind": "break", "agenda-1-title": "Přestávka", "agenda-1-DELETE": "on",
        "agenda-2-order": "3", "agenda-2-kind": "consultation", "agenda-2-title": "Konzultace",
        "agenda-2-speaker": "", "agenda-2-starts_at": "", "agenda-2-ends_at": "", "agenda-2-description": "",
    })
    response = client.post(url("coalitions:meeting-edit", meeting), data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.title == "Nový název"
    assert list(meeting.agenda.values_list("title", flat=True)) == ["Přednáška o dluzích", "Konzultace"]


@pytest.mark.parametrize("role", ROLES)
def test_only_managers_edit(client, request, meeting, role):
    log_in_as(client, request, role)
    response = client.post(url("coalitions:meeting-edit", meeting), meeting_data(title="Přepsáno"))
    meeting.refresh_from_db()
    assert (meeting.title == "Přepsáno") is (role in MANAGERS)
    if role not in MANAGERS:
        assert response.status_code == (302 if role == "anonymous" else 403)


def test_editing_an_unpublished_meeting_is_404_for_outsiders(client, coalition, member):
    meeting = MeetingFactory(coalition=coalition, published=False)
    client.force_login(member)
    assert client.get(url("coalitions:meeting-edit", meeting)).status_code == 404


# --- Publish --------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_only_managers_publish(client, request, coalition, role, mailoutbox,
                               django_capture_on_commit_callbacks):
    meeting = MeetingFactory(coalition=coalition, published=False)
    MembershipFactory(coalition=coalition)
    log_in_as(client, request, role)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("coalitions:meeting-publish", meeting))
    meeting.refresh_from_db()
    assert meeting.published is (role in MANAGERS)
    assert bool(mailoutbox) is (role in MANAGERS)
    if role not in MANAGERS:
        assert response.status_code == (302 if role == "anonymous" else 404)  # unpublished: not there


def test_publishing_a_published_meeting_by_a_member_is_403(client, meeting, member):
    client.force_login(member)
    assert client.post(url("coalitions:meeting-publish", meeting)).status_code == 403


def test_publishing_twice_invites_once(client, coalition, coalition_coordinator,
                                       django_capture_on_commit_callbacks, mailoutbox):
    meeting = MeetingFactory(coalition=coalition, published=False)
    MembershipFactory.create_batch(2, coalition=coalition)
    client.force_login(coalition_coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("coalitions:meeting-publish", meeting))
        client.post(url("coalitions:meeting-publish", meeting))
    assert len(mailoutbox) == 3  # two members and the coordinator, who is a member too
    meeting.refresh_from_db()
    assert meeting.invitations_sent_at is not None


def test_a_past_meeting_is_published_without_invitations(client, coalition, coalition_coordinator,
                                                         django_capture_on_commit_callbacks, mailoutbox):
    meeting = MeetingFactory(coalition=coalition, published=False,
                             starts_at=timezone.now() - dt.timedelta(days=3),
                             ends_at=timezone.now() - dt.timedelta(days=3, hours=-2))
    client.force_login(coalition_coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url("coalitions:meeting-publish", meeting))
    meeting.refresh_from_db()
    assert meeting.published and meeting.invitations_sent_at is None and mailoutbox == []


# --- Attendance -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_only_managers_record_attendance(client, request, meeting, role):
    registration = Registration.objects.create(meeting=meeting, person=UserFactory(), status="registered")
    log_in_as(client, request, role)
    get = client.get(url("coalitions:meeting-attendance", meeting))
    response = client.post(url("coalitions:meeting-attendance", meeting),
                           {"present": [registration.person_id]})
    registration.refresh_from_db()
    assert registration.attended is (True if role in MANAGERS else None)
    if role in MANAGERS:
        assert get.status_code == 200 and response.status_code == 302
    else:
        assert get.status_code == response.status_code == (302 if role == "anonymous" else 403)


def test_attendance_lists_registered_people_and_members_and_saves_ticks(client, coalition, meeting,
                                                                        coalition_coordinator):
    registered = meeting.registrations.create(person=UserFactory(display_name="Hana Registrovaná"),
                                              status="registered")
    absent = meeting.registrations.create(person=MembershipFactory(coalition=coalition).person,
                                          status="registered", attended=True)
    walk_in = MembershipFactory(coalition=coalition, organisation_name="Obec Vzorov").person
    meeting.registrations.create(person=UserFactory(display_name="Zrušil Někdo"), status="cancelled")
    client.force_login(coalition_coordinator)

    html = client.get(url("coalitions:meeting-attendance", meeting)).content.decode()
    assert "Hana Registrovaná" in html and "Obec Vzorov" in html and "Zrušil Někdo" not in html

    client.post(url("coalitions:meeting-attendance", meeting),
                {"present": [registered.person_id, walk_in.pk]})
    attended = dict(Registration.objects.filter(meeting=meeting).values_list("person_id", "attended"))
    assert attended[registered.person_id] is True and attended[walk_in.pk] is True
    assert attended[absent.person_id] is False
    assert coalition_coordinator.pk not in attended  # unticked and never registered: no row


def test_attendance_rejects_people_not_listed(client, coalition_coordinator, meeting):
    stranger = UserFactory()
    client.force_login(coalition_coordinator)
    response = client.post(url("coalitions:meeting-attendance", meeting), {"present": [stranger.pk]})
    assert response.status_code == 200 and response.context["form"].errors
    assert not Registration.objects.filter(person=stranger).exists()
    assert not Membership.objects.filter(person=stranger).exists()
    assert not Task.objects.exists()
