"""The minutes' workflow on the model (Minutes.send_for_comments/approve/reopen) and its guard, and every path
that could change approved minutes: the site (reopen with a reason), the admin's change form, its revert of a
version, its actions and its workflow buttons. Approved minutes change only by being reopened, with a reason
that the history keeps with the person's name."""

import pytest
from django.urls import reverse
from django.utils import translation

from accounts import roles
from coalitions.models import Minutes, MinutesTransitionError
from tests.coalitions.factories import (  # noqa: F401
    MembershipFactory,
    MinutesFactory,
    coalition,
    member,
    other_member,
)
from tests.coalitions.test_minutes import meeting  # noqa: F401  (the held meeting whose minutes these are)
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_coordinator(coalition):
    """A coalition coordinator as the admin knows them: the role, staff, and a membership as coordinator."""
    person = UserFactory(is_staff=True, verified=True, roles=[roles.COALITION_COORDINATOR])
    MembershipFactory(coalition=coalition, person=person, role="coordinator")
    return person


@pytest.fixture
def approved(meeting, admin_coordinator):
    minutes = MinutesFactory(meeting=meeting, text="Schválený text")
    minutes.send_for_comments(admin_coordinator)
    return minutes.approve(admin_coordinator)


def stored(minutes):
    return Minutes.objects.values("text", "status", "approved_by_id", "approved_at").get(pk=minutes.pk)


# --- The model ------------------------------------------------------------------------------------


def test_the_workflow_on_the_model(meeting, admin_coordinator, coordinator, mailoutbox,
                                   django_capture_on_commit_callbacks):
    MembershipFactory(coalition=meeting.coalition)
    minutes = MinutesFactory(meeting=meeting)
    with django_capture_on_commit_callbacks(execute=True):
        minutes.send_for_comments(admin_coordinator)
    assert minutes.status == Minutes.Status.COMMENTS and len(mailoutbox) == 2
    with django_capture_on_commit_callbacks(execute=True):
        minutes.approve(coordinator)
    minutes.refresh_from_db()
    assert (minutes.status, minutes.approved_by) == (Minutes.Status.APPROVED, coordinator)
    assert minutes.approved_at is not None and len(mailoutbox) == 4  # the same notice as the site's

    minutes.reopen(admin_coordinator, "  Chybné jméno v prezenci.  ")
    minutes.refresh_from_db()
    assert minutes.status == Minutes.Status.DRAFT
    assert minutes.approved_by is None and minutes.approved_at is None
    newest = minutes.history.order_by("-history_id").first()
    assert newest.history_change_reason == "Chybné jméno v prezenci."
    assert newest.history_user == admin_coordinator and newest.history_type == "~"
    assert len(mailoutbox) == 4  # reopening mails nobody


@pytest.mark.parametrize("status, step", [
    ("draft", "approve"), ("draft", "reopen"), ("comments", "send_for_comments"), ("comments", "reopen"),
    ("approved", "approve"), ("approved", "send_for_comments"),
])
def test_illegal_steps_raise_and_change_nothing(meeting, admin_coordinator, status, step):
    minutes = MinutesFactory(meeting=meeting, status=status)
    before, versions = stored(minutes), minutes.history.count()
    with pytest.raises(MinutesTransitionError) as raised, translation.override("en"):
        if step == "reopen":
            minutes.reopen(admin_coordinator, "Důvod")
        else:
            getattr(minutes, step)(admin_coordinator)
    assert "cannot go from" in str(raised.value)
    assert stored(minutes) == before and minutes.history.count() == versions


@pytest.mark.parametrize("reason", ["", "   ", None, "x" * (Minutes.REASON_MAX_LENGTH + 1)])
def test_reopening_needs_a_reason(approved, admin_coordinator, reason):
    before = stored(approved)
    with pytest.raises(MinutesTransitionError):
        approved.reopen(admin_coordinator, reason)
    assert stored(approved) == before


def test_only_managers_of_the_coalition_may_take_a_step(approved, member, other_member, other_region_coordinator):
    for person in (member, other_member, other_region_coordinator, None):
        with pytest.raises(MinutesTransitionError):
            approved.reopen(person, "Důvod")
    assert stored(approved)["status"] == Minutes.Status.APPROVED


def test_saving_approved_minutes_outside_the_workflow_raises(approved):
    before = stored(approved)
    for change in ({"text": "Přepsáno"}, {"status": "draft"}, {"approved_by": None}):
        minutes = Minutes.objects.get(pk=approved.pk)
        for name, value in change.items():
            setattr(minutes, name, value)
        with pytest.raises(MinutesTransitionError):
            minutes.save()
    stale = Minutes(pk=approved.pk, meeting=approved.meeting, text="Podstrčeno", status="approved")
    with pytest.raises(MinutesTransitionError):
        stale.save()
    with pytest.raises(MinutesTransitionError):
        Minutes.objects.filter(pk=approved.pk).update(text="Přepsáno")
    assert stored(approved) == before
    Minutes.objects.get(pk=approved.pk).save()  # saving without a change is fine


def test_the_status_of_a_draft_changes_only_through_the_workflow(meeting):
    minutes = MinutesFactory(meeting=meeting)
    minutes.status = Minutes.Status.APPROVED
    with pytest.raises(MinutesTransitionError):
        minutes.save()
    with pytest.raises(MinutesTransitionError):
        Minutes.objects.update(status="approved")
    minutes = Minutes.objects.get(pk=minutes.pk)
    minutes.text = "Nový text"
    minutes.save()  # the text of a draft is edited freely
    assert stored(minutes)["text"] == "Nový text" and stored(minutes)["status"] == "draft"


# --- The site -------------------------------------------------------------------------------------


def url(name, meeting):
    with translation.override("en"):
        return reverse(name, args=[meeting.coalition.slug, meeting.pk])


def test_a_manager_reopens_approved_minutes_on_the_site_with_a_reason(client, approved, coordinator):
    client.force_login(coordinator)
    page = client.get(url("coalitions:minutes-edit", approved.meeting))
    assert page.context["reopen_form"] is not None
    assert 'for="id_reason"' in page.content.decode()

    response = client.post(url("coalitions:minutes-status", approved.meeting), {"status": "draft", "reason": ""})
    assert response.status_code == 400 and response.context["reopen_form"].errors["reason"]
    assert stored(approved)["status"] == Minutes.Status.APPROVED

    data = {"status": "draft", "reason": "Oprava usnesení č. 3"}
    assert client.post(url("coalitions:minutes-status", approved.meeting), data).status_code == 302
    response = client.post(url("coalitions:minutes-status", approved.meeting), data, follow=True)  # twice
    assert "cannot go from" in response.content.decode()
    assert stored(approved)["status"] == Minutes.Status.DRAFT
    assert approved.history.filter(history_change_reason="Oprava usnesení č. 3").count() == 1

    history = client.get(url("coalitions:minutes-history", approved.meeting)).content.decode()
    assert "Oprava usnesení č. 3" in history and coordinator.public_name in history
    # Reopened: the text can be edited on the site again.
    client.post(url("coalitions:minutes-edit", approved.meeting), {"text": "Opravený text"})
    assert stored(approved)["text"] == "Opravený text"


@pytest.mark.parametrize("role", ["member", "other_member", "other_region_coordinator"])
def test_others_cannot_reopen_on_the_site(client, request, approved, role):
    client.force_login(request.getfixturevalue(role))
    response = client.post(url("coalitions:minutes-status", approved.meeting),
                           {"status": "draft", "reason": "Chci změnu"})
    assert response.status_code in (403, 404)
    assert stored(approved)["status"] == Minutes.Status.APPROVED


@pytest.mark.parametrize("bad", ["archived", "", "approved\x00", "x" * 10_000])
def test_a_bad_status_is_a_message_not_an_error(client, approved, coordinator, bad):
    client.force_login(coordinator)
    response = client.post(url("coalitions:minutes-status", approved.meeting), {"status": bad, "reason": bad})
    assert response.status_code in (302, 400)
    assert stored(approved)["status"] == Minutes.Status.APPROVED


# --- The admin ------------------------------------------------------------------------------------


def admin_url(view, *args):
    with translation.override("en"):
        return reverse(f"admin:coalitions_minutes_{view}", args=args)


def change_data(minutes, **overrides):
    return {"meeting": minutes.meeting_id, "text": minutes.text, **overrides}


@pytest.fixture(params=["admin_coordinator", "coordinator"])
def staff(request):
    """A coalition coordinator and a regional coordinator of the home kraj, each in the admin."""
    return request.getfixturevalue(request.param)


def test_approved_minutes_are_read_only_in_the_admin(client, approved, staff):
    client.force_login(staff)
    before = stored(approved)
    page = client.get(admin_url("change", approved.pk))
    html = page.content.decode()
    assert page.status_code == 200 and 'name="text"' not in html and 'name="status"' not in html
    assert admin_url("workflow", approved.pk, "reopen") in html  # the way to change them
    for data in (change_data(approved, text="Přepsáno"), change_data(approved, status="draft"),
                 change_data(approved, status="approved", approved_by="")):
        response = client.post(admin_url("change", approved.pk), data)
        assert response.status_code == 403
    assert stored(approved) == before


def test_the_status_is_no_field_of_the_admin_form(client, meeting, staff):
    minutes = MinutesFactory(meeting=meeting, text="Návrh")
    client.force_login(staff)
    assert 'name="status"' not in client.get(admin_url("change", minutes.pk)).content.decode()
    response = client.post(admin_url("change", minutes.pk), change_data(minutes, text="Návrh 2",
                                                                         status="approved"))
    assert response.status_code == 302
    assert stored(minutes)["text"] == "Návrh 2" and stored(minutes)["status"] == "draft"
    assert stored(minutes)["approved_by_id"] is None


def test_reverting_a_version_of_approved_minutes_is_refused(client, meeting, staff, admin_coordinator):
    minutes = MinutesFactory(meeting=meeting, text="První verze")
    minutes.text = "Druhá verze"
    minutes.save()
    first = minutes.history.order_by("history_id").first()
    minutes.send_for_comments(admin_coordinator)
    minutes.approve(admin_coordinator)
    before = stored(minutes)
    client.force_login(staff)
    page = client.get(admin_url("simple_history", minutes.pk, first.history_id))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    response = client.post(admin_url("simple_history", minutes.pk, first.history_id),
                           change_data(minutes, text="První verze"))
    assert response.status_code == 403
    assert stored(minutes) == before


def test_reverting_minutes_in_progress_restores_the_text_not_the_status(client, meeting, staff,
                                                                          admin_coordinator):
    minutes = MinutesFactory(meeting=meeting, text="První verze")
    first = minutes.history.get()
    minutes.text = "Druhá verze"
    minutes.save()
    minutes.send_for_comments(admin_coordinator)
    client.force_login(staff)
    response = client.post(admin_url("simple_history", minutes.pk, first.history_id),
                           change_data(minutes, text="První verze"))
    assert response.status_code == 302
    assert stored(minutes)["text"] == "První verze" and stored(minutes)["status"] == "comments"


def action(client, name, minutes, **extra):
    return client.post(admin_url("changelist"), {"action": name, "_selected_action": [m.pk for m in minutes],
                                                 "index": 0, **extra})


def test_admin_actions_take_the_steps_and_send_the_same_notice(client, meeting, staff, mailoutbox,
                                                               django_capture_on_commit_callbacks):
    minutes = MinutesFactory(meeting=meeting)
    reader = MembershipFactory(coalition=meeting.coalition, person__language="en").person
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        assert action(client, "approve", [minutes]).status_code == 302  # not yet: a message, no change
        assert stored(minutes)["status"] == "draft"
        action(client, "send_for_comments", [minutes])
    assert stored(minutes)["status"] == "comments"
    with django_capture_on_commit_callbacks(execute=True):
        action(client, "approve", [minutes])
    assert stored(minutes)["status"] == "approved" and stored(minutes)["approved_by_id"] == staff.pk
    subjects = [mail.subject for mail in mailoutbox if mail.to == [reader.email]]
    assert len(subjects) == 2 and "comments" in subjects[0] and "approved" in subjects[1]


def test_the_reopen_action_asks_why(client, approved, staff):
    client.force_login(staff)
    page = action(client, "reopen", [approved])
    html = page.content.decode()
    assert page.status_code == 200 and 'for="id_reason"' in html and "Schválený text" not in html
    # The intermediate page posts back without "index"; an empty reason shows the page again.
    data = {"action": "reopen", "_selected_action": [approved.pk], "post": "yes"}
    again = client.post(admin_url("changelist"), {**data, "reason": "  "})
    assert again.status_code == 400 and again.context["form"].errors
    assert stored(approved)["status"] == "approved"
    done = client.post(admin_url("changelist"), {**data, "reason": "Překlep v usnesení"})
    assert done.status_code == 302 and stored(approved)["status"] == "draft"
    record = approved.history.order_by("-history_id").first()
    assert (record.history_change_reason, record.history_user) == ("Překlep v usnesení", staff)
    # Posted twice: the second finds draft minutes and reopens nothing.
    client.post(admin_url("changelist"), {**data, "reason": "Překlep v usnesení"})
    assert approved.history.filter(history_change_reason="Překlep v usnesení").count() == 1


def test_the_workflow_buttons_of_a_record(client, approved, staff):
    client.force_login(staff)
    page = client.get(admin_url("workflow", approved.pk, "reopen"))
    assert page.status_code == 200 and 'for="id_reason"' in page.content.decode()
    assert client.post(admin_url("workflow", approved.pk, "reopen"), {"reason": ""}).status_code == 400
    assert stored(approved)["status"] == "approved"
    response = client.post(admin_url("workflow", approved.pk, "reopen"), {"reason": "Doplnění přílohy"})
    assert response.status_code == 302 and response.url == admin_url("change", approved.pk)
    assert stored(approved)["status"] == "draft"
    client.post(admin_url("workflow", approved.pk, "comments"))
    assert stored(approved)["status"] == "comments"
    client.post(admin_url("workflow", approved.pk, "comments"))  # twice: a message
    assert stored(approved)["status"] == "comments"
    assert client.get(admin_url("workflow", approved.pk, "bogus")).status_code == 404
    assert client.get(admin_url("workflow", "x'; --", "approve")).status_code == 404


def test_the_workflow_buttons_are_not_for_other_kraje(client, approved, other_region_coordinator):
    client.force_login(other_region_coordinator)
    for step in ("reopen", "approve"):
        response = client.post(admin_url("workflow", approved.pk, step), {"reason": "Cizí"})
        assert response.status_code == 404
    assert stored(approved)["status"] == "approved"


def test_deleting_the_approver_keeps_the_minutes(approved, admin_coordinator):
    admin_coordinator.delete()  # approved_by is SET_NULL: Django's own update, not a status change
    assert stored(approved)["status"] == "approved" and stored(approved)["approved_by_id"] is None
