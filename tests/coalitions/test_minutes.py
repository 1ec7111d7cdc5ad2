"""Minutes: the editor (minutes-edit), the draft → for comments → approved workflow (minutes-status), the
version history with diffs (minutes-history), and decisions and tasks (task-create, task-status)."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from coalitions.models import Minutes, Task
from coalitions.views.minutes import text_diff
from tests.coalitions.factories import (  # noqa: F401
    MANAGERS,
    ROLES,
    MeetingFactory,
    MembershipFactory,
    MinutesFactory,
    TaskFactory,
    coalition,
    coalition_coordinator,
    log_in_as,
    member,
    other_member,
)
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db



@pytest.fixture
def meeting(coalition):
    past = timezone.now() - dt.timedelta(days=2)
    return MeetingFactory(coalition=coalition, title="Třetí setkání", starts_at=past,
                          ends_at=past + dt.timedelta(hours=2))


def url(name, meeting, lang="en"):
    with translation.override(lang):
        return reverse(name, args=[meeting.coalition.slug, meeting.pk])


def forbidden_status(role):
    return 302 if role == "anonymous" else 403  # anonymous people are sent to log in


# --- Editor ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_only_managers_open_and_write_minutes(client, request, meeting, role):
    log_in_as(client, request, role)
    get = client.get(url("coalitions:minutes-edit", meeting))
    post = client.post(url("coalitions:minutes-edit", meeting), {"text": "## Zápis"})
    if role in MANAGERS:
        assert get.status_code == 200 and post.status_code == 302
        assert Minutes.objects.get(meeting=meeting).text == "## Zápis"
    else:
        assert get.status_code == post.status_code == forbidden_status(role)
        assert not Minutes.objects.exists()


def test_minutes_of_an_unpublished_meeting_are_404_for_outsiders(client, coalition, member):
    meeting = MeetingFactory(coalition=coalition, published=False)
    client.force_login(member)
    assert client.get(url("coalitions:minutes-edit", meeting)).status_code == 404


def test_new_minutes_start_from_the_agenda_and_record_the_author(client, meeting, coalition_coordinator):
    meeting.agenda.create(order=1, kind="lecture", title="Dluhová poradna")
    client.force_login(coalition_coordinator)
    form = client.get(url("coalitions:minutes-edit", meeting)).context["form"]
    assert form.initial["text"].startswith("## Dluhová poradna")
    client.post(url("coalitions:minutes-edit", meeting), {"text": "## Dluhová poradna\n\nProběhla."})
    minutes = Minutes.objects.get(meeting=meeting)
    assert minutes.updated_by == coalition_coordinator and minutes.status == Minutes.Status.DRAFT
    assert minutes.history.get().history_user == coalition_coordinator


def test_an_empty_text_is_refused(client, meeting, coalition_coordinator):
    client.force_login(coalition_coordinator)
    response = client.post(url("coalitions:minutes-edit", meeting), {"text": ""})
    assert response.status_code == 400 and response.context["form"].errors
    assert not Minutes.objects.exists()


def test_the_editor_shows_the_attendance_list(client, meeting, coalition, coalition_coordinator):
    came = MembershipFactory(coalition=coalition, organisation_name="Charita Kladno").person
    meeting.registrations.create(person=came, status="registered", attended=True)
    MinutesFactory(meeting=meeting)
    client.force_login(coalition_coordinator)
    html = client.get(url("coalitions:minutes-edit", meeting)).content.decode()
    assert f"{came.public_name} (Charita Kladno)" in html


# --- Status ---------------------------------------------------------------------------------------


def set_status(client, meeting, status):
    return client.post(url("coalitions:minutes-status", meeting), {"status": status})


def test_the_workflow_goes_draft_comments_approved_and_tells_members(client, coalition, meeting,
                                                                     coalition_coordinator, mailoutbox,
                                                                     django_capture_on_commit_callbacks):
    MembershipFactory(coalition=coalition)
    MembershipFactory(coalition=coalition, email_notifications=False)
    MinutesFactory(meeting=meeting)
    client.force_login(coalition_coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        set_status(client, meeting, "comments")
    minutes = Minutes.objects.get()
    assert minutes.status == "comments"
    assert len(mailoutbox) == 2  # the member and the coordinator; not the one who turned e-mails off
    assert all("Minutes for your comments" in m.subject or "připomínk" in m.subject for m in mailoutbox)

    with django_capture_on_commit_callbacks(execute=True):
        set_status(client, meeting, "approved")
    minutes.refresh_from_db()
    assert minutes.status == "approved" and minutes.approved_by == coalition_coordinator
    assert minutes.approved_at is not None
    assert len(mailoutbox) == 4


def test_a_draft_cannot_skip_comments_nor_go_back(client, meeting, coalition_coordinator, mailoutbox):
    MinutesFactory(meeting=meeting)
    client.force_login(coalition_coordinator)
    response = set_status(client, meeting, "approved")
    assert response.status_code == 302
    assert Minutes.objects.get().status == "draft"
    assert "cannot go from" in client.get(response.url).content.decode()
    Minutes.objects.get().send_for_comments(coalition_coordinator)
    set_status(client, meeting, "draft")  # back only by reopening approved minutes, with a reason
    assert Minutes.objects.get().status == "comments"
    assert mailoutbox == []


@pytest.mark.parametrize("role", ROLES)
def test_only_managers_change_the_status(client, request, meeting, role):
    MinutesFactory(meeting=meeting)
    log_in_as(client, request, role)
    response = set_status(client, meeting, "comments")
    assert (Minutes.objects.get().status == "comments") is (role in MANAGERS)
    if role not in MANAGERS:
        assert response.status_code == forbidden_status(role)


def test_status_of_missing_minutes_is_404(client, meeting, coalition_coordinator):
    client.force_login(coalition_coordinator)
    assert set_status(client, meeting, "comments").status_code == 404


def test_approved_minutes_are_frozen(client, meeting, coalition_coordinator):
    MinutesFactory(meeting=meeting, text="Schválený text", status="approved")
    client.force_login(coalition_coordinator)
    page = client.get(url("coalitions:minutes-edit", meeting))
    assert page.context["form"] is None and "Schválený text" in page.content.decode()
    response = client.post(url("coalitions:minutes-edit", meeting), {"text": "Přepsáno"}, follow=True)
    assert Minutes.objects.get().text == "Schválený text"
    assert "approved and can no longer be changed" in response.content.decode()


# --- History --------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_only_managers_see_the_history(client, request, meeting, role):
    MinutesFactory(meeting=meeting)
    log_in_as(client, request, role)
    response = client.get(url("coalitions:minutes-history", meeting))
    assert response.status_code == (200 if role in MANAGERS else forbidden_status(role))


def test_history_lists_every_version_with_author_time_and_a_diff(client, meeting, coalition_coordinator,
                                                                 coordinator):
    client.force_login(coalition_coordinator)
    client.post(url("coalitions:minutes-edit", meeting),
                {"text": "Úvod\nKoalice jednala o kapacitách.\nZávěr"})
    client.force_login(coordinator)
    client.post(url("coalitions:minutes-edit", meeting),
                {"text": "Úvod\nKoalice jednala o volných kapacitách.\nZávěr\nPřílohy"})

    response = client.get(url("coalitions:minutes-history", meeting))
    versions = response.context["versions"]
    assert [v.number for v in versions] == [2, 1]
    assert [v.record.history_user for v in versions] == [coordinator, coalition_coordinator]
    html = response.content.decode()
    assert coordinator.public_name in html and coalition_coordinator.public_name in html
    assert "<ins><span class=\"visually-hidden\">[added: </span>volných <span" in html
    assert "added: </span><span class=\"diff__text\">Přílohy</span></ins>" in html


def test_a_status_change_is_a_version_without_text_changes(client, meeting, coalition_coordinator):
    client.force_login(coalition_coordinator)
    client.post(url("coalitions:minutes-edit", meeting), {"text": "Text"})
    set_status(client, meeting, "comments")
    versions = client.get(url("coalitions:minutes-history", meeting)).context["versions"]
    assert versions[0].status_changed and versions[0].diff == []


def test_text_diff_marks_removed_added_and_changed_lines():
    diff = text_diff("a\nb\nc\nd\ne\nf", "a\nB x\nc\nd\ne\nf\ng", context=0)
    assert [line.kind for line in diff] == ["changed", "gap", "added"]
    assert diff[0].parts == [("removed", "b"), ("added", "B x")]
    assert diff[2].text == "g"
    removed = text_diff("one\ntwo\nthree", "one\nthree")
    assert [(line.kind, line.text) for line in removed] == [("context", "one"), ("removed", "two"),
                                                            ("context", "three")]
    assert text_diff("same", "same") == []


def test_history_runs_a_fixed_number_of_queries(client, meeting, coalition_coordinator,
                                                django_assert_num_queries):
    client.force_login(coalition_coordinator)
    for n in range(2):
        client.post(url("coalitions:minutes-edit", meeting), {"text": f"Verze {n}"})
    client.get(url("coalitions:minutes-history", meeting))  # fills the cached region name and demo flag
    with django_assert_num_queries(5):
        client.get(url("coalitions:minutes-history", meeting))
    for n in range(10):
        client.post(url("coalitions:minutes-edit", meeting), {"text": f"Verze další {n}"})
    with django_assert_num_queries(5):
        client.get(url("coalitions:minutes-history", meeting))


# --- Decisions and tasks --------------------------------------------------------------------------


def task_data(**overrides):
    return {"task-kind": "task", "task-text": "Zmapovat volná místa", "task-owner": "",
            "task-owner_organisation": "Charita Kladno", "task-deadline": "2031-10-01", **overrides}


@pytest.mark.parametrize("role", ROLES)
def test_only_managers_record_tasks(client, request, meeting, role):
    log_in_as(client, request, role)
    response = client.post(url("coalitions:task-create", meeting), task_data())
    if role in MANAGERS:
        task = Task.objects.get()
        assert (task.coalition, task.meeting) == (meeting.coalition, meeting)
        assert task.deadline == dt.date(2031, 10, 1)
        assert response.status_code == 302
    else:
        assert response.status_code == forbidden_status(role)
        assert not Task.objects.exists()


def test_a_task_owner_must_be_a_member(client, meeting, coalition_coordinator, member):
    client.force_login(coalition_coordinator)
    outsider = UserFactory()
    response = client.post(url("coalitions:task-create", meeting), task_data(**{"task-owner": outsider.pk}))
    assert response.status_code == 400 and "owner" in response.context["task_form"].errors
    client.post(url("coalitions:task-create", meeting), task_data(**{"task-owner": member.pk}))
    assert Task.objects.get().owner == member


def test_a_task_needs_someone_responsible_a_decision_does_not(client, meeting, coalition_coordinator):
    client.force_login(coalition_coordinator)
    response = client.post(url("coalitions:task-create", meeting),
                           task_data(**{"task-owner_organisation": ""}))
    assert response.status_code == 400
    assert "responsible person or organisation" in response.content.decode()
    client.post(url("coalitions:task-create", meeting),
                task_data(**{"task-kind": "decision", "task-owner_organisation": "", "task-deadline": ""}))
    assert Task.objects.get().kind == "decision"


def task_status(client, task, status, **extra):
    with translation.override("en"):
        path = reverse("coalitions:task-status", args=[task.coalition.slug, task.pk])
    return client.post(path, {"status": status, **extra})


@pytest.mark.parametrize("role", ROLES)
def test_only_managers_change_a_task(client, request, coalition, meeting, role):
    task = TaskFactory(coalition=coalition, meeting=meeting)
    log_in_as(client, request, role)
    response = task_status(client, task, "done")
    task.refresh_from_db()
    assert (task.status == "done") is (role in MANAGERS)
    if role not in MANAGERS:
        assert response.status_code == forbidden_status(role)


def test_a_task_of_a_members_only_coalition_is_404_for_outsiders(client, user):
    task = TaskFactory(coalition__visibility="members")
    client.force_login(user)
    assert task_status(client, task, "done").status_code == 404


def test_task_status_returns_to_a_local_page_only(client, coalition, meeting, coalition_coordinator):
    task = TaskFactory(coalition=coalition, meeting=meeting)
    client.force_login(coalition_coordinator)
    assert task_status(client, task, "done", next="/en/somewhere/").url == "/en/somewhere/"
    response = task_status(client, task, "dropped", next="https://evil.example/")
    with translation.override("en"):  # the task was changed on its English page: back to the English minutes
        minutes_page = reverse("coalitions:minutes-edit", args=[coalition.slug, meeting.pk])
    assert response.url == minutes_page
    task.refresh_from_db()
    assert task.status == "dropped"
    for bad in ("' OR '1'='1'; --", "javascript:alert(1)", "//evil.example/"):  # never a 500 nor off-site
        response = task_status(client, task, "dropped", next=bad)
        assert response.status_code == 302 and response.url == minutes_page
    task_status(client, task, "finished")
    task.refresh_from_db()
    assert task.status == "dropped"


def test_a_task_of_another_coalition_is_404(client, meeting, coalition_coordinator):
    task = TaskFactory()
    client.force_login(coalition_coordinator)
    with translation.override("en"):
        path = reverse("coalitions:task-status", args=[meeting.coalition.slug, task.pk])
    assert client.post(path, {"status": "done"}).status_code == 404
