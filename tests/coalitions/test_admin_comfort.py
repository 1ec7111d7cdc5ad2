"""Coalition admin comfort: fixed queries at 100 rows, filters, inlines, computed columns, the publish
actions, and coalition coordinators limited to the coalitions they coordinate."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from coalitions.models import Document, Meeting, Membership
from territory.models import Kraj
from tests.accounts.factories import UserFactory
from tests.coalitions.admin_roles import NEEDED
from tests.coalitions.factories import (
    AgendaItemFactory,
    CoalitionFactory,
    DocumentFactory,
    MeetingFactory,
    MembershipFactory,
    MinutesFactory,
    english,
)

pytestmark = pytest.mark.django_db


def jmk():
    return Kraj.objects.get(nuts3="CZ064")


@pytest.fixture
def mine():
    """A coalition of the home kraj coordinated by `coalition_coordinator`, with a meeting, minutes, a
    member and a document."""
    coalition = CoalitionFactory(name="Koalice Kladensko")
    meeting = MeetingFactory(coalition=coalition, title="Setkání Kladensko")
    MinutesFactory(meeting=meeting, text="Zápis Kladensko")
    MembershipFactory(coalition=coalition, organisation_name="Spolek Kladensko")
    DocumentFactory(coalition=coalition, title="Metodika Kladensko")
    return coalition


@pytest.fixture
def theirs():
    """Another coalition of the same kraj, and one of another kraj."""
    same_kraj = CoalitionFactory(name="Koalice Slánsko")
    MeetingFactory(coalition=same_kraj, title="Setkání Slánsko")
    MembershipFactory(coalition=same_kraj, organisation_name="Spolek Slánsko")
    DocumentFactory(coalition=same_kraj, title="Metodika Slánsko")
    away = CoalitionFactory(name="Koalice Brněnsko", kraj=jmk())
    MeetingFactory(coalition=away, title="Setkání Brněnsko")
    return {"same_kraj": same_kraj, "away": away}


@pytest.fixture
def coalition_coordinator(mine):
    person = UserFactory(is_staff=True, verified=True, roles=[roles.COALITION_COORDINATOR])
    MembershipFactory(coalition=mine, person=person, role="coordinator")
    return person


# --- Coalition coordinators ---------------------------------------------------------------------------


@pytest.mark.parametrize("model, mine_text, other_texts", [
    ("meeting", "Setkání Kladensko", ["Setkání Slánsko", "Setkání Brněnsko"]),
    ("membership", "Spolek Kladensko", ["Spolek Slánsko"]),
    ("document", "Metodika Kladensko", ["Metodika Slánsko"]),
    ("minutes", "Setkání Kladensko", ["Setkání Slánsko"]),
])
def test_coalition_coordinator_sees_only_their_coalitions(client, coalition_coordinator, theirs, model,
                                                          mine_text, other_texts):
    client.force_login(coalition_coordinator)
    response = client.get(reverse(f"admin:coalitions_{model}_changelist"))
    assert response.status_code == 200
    html = response.content.decode()
    assert mine_text in html
    for text in other_texts:
        assert text not in html


def test_coalition_coordinator_cannot_open_another_coalitions_meeting(client, coalition_coordinator, theirs):
    client.force_login(coalition_coordinator)
    other = theirs["same_kraj"].meetings.get()
    response = client.get(reverse("admin:coalitions_meeting_change", args=[other.pk]))
    assert response.status_code == 404  # not in the person's scope: not found


def test_coalition_coordinator_has_no_coalition_or_event_admin(client, coalition_coordinator):
    client.force_login(coalition_coordinator)
    assert client.get(reverse("admin:coalitions_coalition_changelist")).status_code == 403
    assert client.get(reverse("admin:coalitions_event_changelist")).status_code == 403


def _meeting_form(coalition, title):
    start = timezone.localtime() + dt.timedelta(days=20)
    return {"coalition": coalition.pk, "title": title, "starts_at_0": start.strftime("%Y-%m-%d"),
            "starts_at_1": "09:00", "ends_at_0": start.strftime("%Y-%m-%d"), "ends_at_1": "11:00",
            "place_kind": "in_person", "status": "planned", "registration_open": "on",
            "agenda-TOTAL_FORMS": "1", "agenda-INITIAL_FORMS": "0", "agenda-MIN_NUM_FORMS": "0",
            "agenda-MAX_NUM_FORMS": "1000", "agenda-0-order": "1", "agenda-0-kind": "lecture",
            "agenda-0-title": "Přednáška o pořadnících"}


def test_coalition_coordinator_prepares_a_meeting_with_agenda(client, coalition_coordinator, mine, theirs):
    client.force_login(coalition_coordinator)
    response = client.post(reverse("admin:coalitions_meeting_add"), _meeting_form(mine, "Jarní setkání"))
    assert response.status_code == 302
    meeting = Meeting.objects.get(title="Jarní setkání")
    assert meeting.coalition == mine
    assert [item.title for item in meeting.agenda.all()] == ["Přednáška o pořadnících"]
    # Another coalition's id in the form is refused (not among the choices).
    response = client.post(reverse("admin:coalitions_meeting_add"),
                           _meeting_form(theirs["same_kraj"], "Cizí setkání"))
    assert response.status_code == 400 and not Meeting.objects.filter(title="Cizí setkání").exists()


def test_regional_coordinator_cannot_move_a_meeting_to_another_kraj(client, coordinator, mine, theirs):
    client.force_login(coordinator)
    response = client.post(reverse("admin:coalitions_meeting_add"), _meeting_form(theirs["away"], "Do Brna"))
    assert response.status_code == 400 and not Meeting.objects.filter(title="Do Brna").exists()
    response = client.post(reverse("admin:coalitions_meeting_add"),
                           _meeting_form(theirs["same_kraj"], "Slaný"))
    assert response.status_code == 302 and Meeting.objects.filter(title="Slaný").exists()


# --- Comfort ------------------------------------------------------------------------------------------


def test_meeting_list_shows_agenda_and_registration_counts(client, coordinator, mine):
    meeting = mine.meetings.get()
    AgendaItemFactory.create_batch(3, meeting=meeting)
    for person in UserFactory.create_batch(2, verified=True):
        meeting.register(person)
    client.force_login(coordinator)
    response = client.get(reverse("admin:coalitions_meeting_changelist"))
    row = next(r for r in response.context["cl"].result_list if r.pk == meeting.pk)
    assert (row.agenda_items, row.registered) == (3, 2)
    change = client.get(reverse("admin:coalitions_meeting_change", args=[meeting.pk]))
    assert change.status_code == 200
    html = change.content.decode()
    assert 'id="agenda-group"' in html  # agenda items inline


def test_coalition_change_form_has_members_inline(client, coordinator, mine):
    client.force_login(coordinator)
    html = client.get(reverse("admin:coalitions_coalition_change", args=[mine.pk])).content.decode()
    assert 'id="memberships-group"' in html and "Spolek Kladensko" in html


def test_list_filters_offer_only_own_kraj_coalitions(client, coordinator, mine, theirs):
    client.force_login(coordinator)
    html = client.get(reverse("admin:coalitions_meeting_changelist")).content.decode()
    assert "Koalice Kladensko" in html and "Koalice Brněnsko" not in html


def test_current_member_filter(client, coordinator, mine):
    MembershipFactory(coalition=mine, organisation_name="Spolek bývalý", left_on=dt.date(2025, 1, 1))
    client.force_login(coordinator)
    html = client.get(reverse("admin:coalitions_membership_changelist") + "?current=yes").content.decode()
    assert "Spolek Kladensko" in html and "Spolek bývalý" not in html


def test_publish_and_unpublish_outputs(client, coordinator, mine):
    output = DocumentFactory(coalition=mine, title="Analýza kapacit", kind="capacity_analysis", public=False)
    invitation = DocumentFactory(coalition=mine, title="Pozvánka", kind="invitation", public=False)
    away = DocumentFactory(coalition=CoalitionFactory(kraj=jmk()), public=False)
    client.force_login(coordinator)
    url = reverse("admin:coalitions_document_changelist")
    # Another kraj's document among the selected: the action is refused whole, nothing changes.
    response = client.post(english(url), {"action": "publish", "_selected_action": [output.pk, away.pk]})
    assert response.status_code == 404
    output.refresh_from_db(), away.refresh_from_db()
    assert (output.public, away.public) == (False, False)
    response = client.post(english(url), {"action": "publish", "_selected_action": [output.pk, invitation.pk]},
                           follow=True)
    assert "1 output published." in response.content.decode()
    output.refresh_from_db(), invitation.refresh_from_db(), away.refresh_from_db()
    assert (output.public, invitation.public, away.public) == (True, False, False)
    assert output.history.count() == 2  # the change is in the history
    client.post(url, {"action": "unpublish", "_selected_action": [output.pk]})
    output.refresh_from_db()
    assert output.public is False


def test_outputs_filter(client, coordinator, mine):
    DocumentFactory(coalition=mine, title="Pozvánka na setkání", kind="invitation")
    client.force_login(coordinator)
    html = client.get(reverse("admin:coalitions_document_changelist") + "?output=yes").content.decode()
    assert "Metodika Kladensko" in html and "Pozvánka na setkání" not in html


def test_roles_give_the_coalition_admin_what_it_needs():
    """accounts/roles.py lists what coalitions/admin.py needs."""
    missing = {role: sorted(set(perms) - set(roles.role_permissions()[role])) for role, perms in NEEDED.items()}
    assert missing == {role: [] for role in NEEDED}


# --- Fixed number of queries at 100 rows ------------------------------------------------------------


def _count_queries(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm up what is cached per process (content types, the home kraj)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


@pytest.mark.parametrize("model", ["coalition", "meeting", "membership", "minutes", "document", "task",
                                   "registration"])
def test_changelists_run_a_fixed_number_of_queries(client, coordinator, model, django_assert_num_queries):
    from tests.coalitions.factories import TaskFactory

    def make_rows(n):
        for _i in range(n):
            coalition = CoalitionFactory()
            meeting = MeetingFactory(coalition=coalition)
            MembershipFactory(coalition=coalition, provider=None)
            MinutesFactory(meeting=meeting)
            DocumentFactory(coalition=coalition)
            TaskFactory(coalition=coalition)
            meeting.register(UserFactory())

    client.force_login(coordinator)
    url = reverse(f"admin:coalitions_{model}_changelist")
    make_rows(2)
    few = _count_queries(client, url)
    make_rows(98)
    with django_assert_num_queries(few):
        response = client.get(url)
    assert response.context["cl"].result_count >= 100


def test_coalition_coordinator_changelist_runs_a_fixed_number_of_queries(client, coalition_coordinator, mine,
                                                                         django_assert_num_queries):
    client.force_login(coalition_coordinator)
    url = reverse("admin:coalitions_meeting_changelist")
    few = _count_queries(client, url)
    MeetingFactory.create_batch(100, coalition=mine)
    with django_assert_num_queries(few):
        client.get(url)


def test_membership_search_finds_by_organisation(client, coordinator, mine):
    client.force_login(coordinator)
    response = client.get(reverse("admin:coalitions_membership_changelist") + "?q=Kladensko")
    assert [m.organisation_name for m in response.context["cl"].result_list] == ["Spolek Kladensko"]


def test_coalition_coordinator_adds_a_member_with_selects(client, coalition_coordinator, mine):
    """Without view permission on people, providers and obce they get selects instead of autocompletes."""
    newcomer = UserFactory(verified=True, display_name="Alena Nováčková")
    UserFactory(display_name="Neověřený Člověk")
    client.force_login(coalition_coordinator)
    form = client.get(reverse("admin:coalitions_membership_add"))
    assert form.status_code == 200
    html = form.content.decode()
    assert "Alena Nováčková" in html and "Neověřený Člověk" not in html
    response = client.post(reverse("admin:coalitions_membership_add"), {
        "coalition": mine.pk, "person": newcomer.pk, "organisation_kind": "ngo",
        "organisation_name": "Spolek Nováček", "triad_side": "user", "role": "member",
        "joined_on": "2025-05-01", "email_notifications": "on"})
    assert response.status_code == 302
    assert Membership.objects.get(person=newcomer).coalition == mine


def test_a_document_uploaded_in_the_admin_is_checked_like_on_the_site(client, coordinator, mine):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.coalitions.factories import minimal_pdf

    client.force_login(coordinator)
    data = {"coalition": mine.pk, "kind": "methodology", "title": "Metodika z administrace",
            "description": "", "version": "1.0", "public": "on", "published_on": "2026-01-10"}
    response = client.post(reverse("admin:coalitions_document_add"), {
        **data, "file": SimpleUploadedFile("metodika.pdf", b"<html><script>alert(1)</script></html>")})
    assert response.status_code == 400
    assert not Document.objects.filter(title="Metodika z administrace").exists()
    response = client.post(reverse("admin:coalitions_document_add"), {
        **data, "file": SimpleUploadedFile("metodika.pdf", minimal_pdf())})
    assert response.status_code == 302
    document = Document.objects.get(title="Metodika z administrace")
    assert (document.file_type, document.uploaded_by) == ("pdf", coordinator) and document.file_size > 0


def test_photos_are_not_added_in_the_admin(client, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("admin:coalitions_photo_add")).status_code == 403
