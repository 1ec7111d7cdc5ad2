"""The "Discuss" action of a meeting, an agenda item, approved minutes and an output: it opens the
thread about it, or a new-thread form in the coalition's board; the thread links back. Service-type
threads are listed on the registry's service pages."""

import pytest
from django.urls import reverse

from discussions.models import Category, Thread
from tests.coalitions.factories import (
    AgendaItemFactory,
    DocumentFactory,
    MeetingFactory,
    MembershipFactory,
    MinutesFactory,
)
from tests.discussions.factories import CategoryFactory, forum_ready
from tests.i18n import english
from tests.services.factories import make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client):
    membership = MembershipFactory()
    forum_ready(membership.person)
    client.force_login(membership.person)
    return membership


def _discuss(client, obj):
    return client.get(reverse("discussions:about", args=[obj._meta.label_lower, obj.pk]))


def test_discussing_a_meeting_opens_a_new_thread_in_the_board_then_the_thread(client, member):
    meeting = MeetingFactory(coalition=member.coalition, title="Jarní setkání")
    page = client.get(english(meeting.get_absolute_url())).content.decode()
    assert "Discuss this meeting" in page
    response = _discuss(client, meeting)
    board = Category.objects.get(coalition=member.coalition)
    assert response["Location"].startswith(reverse("discussions:thread-create", args=[board.slug]))
    form_page = client.get(response["Location"])
    assert form_page.context["form"].initial["title"] == "Jarní setkání"
    client.post(response["Location"], {"title": "Jarní setkání", "body": "Co jste si odnesli?",
                                       "about": f"coalitions.meeting:{meeting.pk}"})
    thread = Thread.objects.get()
    assert thread.about == meeting and thread.category == board
    assert _discuss(client, meeting)["Location"] == thread.get_absolute_url()
    html = client.get(thread.get_absolute_url()).content.decode()
    assert meeting.get_absolute_url() in html


@pytest.mark.parametrize("kind", ["agenda", "minutes", "output"])
def test_agenda_items_approved_minutes_and_outputs_can_be_discussed(client, member, kind):
    meeting = MeetingFactory(coalition=member.coalition)
    obj = {"agenda": lambda: AgendaItemFactory(meeting=meeting),
           "minutes": lambda: MinutesFactory(meeting=meeting, status="approved"),
           "output": lambda: DocumentFactory(coalition=member.coalition, kind="methodology")}[kind]()
    response = _discuss(client, obj)
    assert response.status_code == 302
    assert "about=" in response["Location"]


def test_draft_minutes_and_foreign_objects_cannot_be_discussed(client, member):
    minutes = MinutesFactory(meeting=MeetingFactory(coalition=member.coalition), status="draft")
    assert _discuss(client, minutes).status_code == 404
    assert client.get(reverse("discussions:about", args=["accounts.user", 1])).status_code == 404


def test_an_about_for_another_coalition_is_ignored(client, member):
    other_meeting = MeetingFactory()
    board = Category.objects.board_for(member.coalition)
    client.post(reverse("discussions:thread-create", args=[board.slug]),
                {"title": "Pokus", "body": "Text", "about": f"coalitions.meeting:{other_meeting.pk}"})
    assert Thread.objects.get().about is None


def test_a_service_page_lists_threads_about_its_type(client, verified_user):
    service = make_service()
    category = CategoryFactory()
    forum_ready(verified_user)
    client.force_login(verified_user)
    client.post(reverse("discussions:thread-create", args=[category.slug]),
                {"title": "Zkušenosti s tímto druhem služby", "body": "Text",
                 "service_type": service.service_type.pk})
    assert Thread.objects.get().service_type == service.service_type
    client.logout()
    html = client.get(service.get_absolute_url()).content.decode()
    assert "Zkušenosti s tímto druhem služby" in html


def test_the_coalition_page_links_to_its_board(client):
    membership = MembershipFactory(coalition__visibility="members")
    coalition = membership.coalition
    page = client.get(english(coalition.get_absolute_url())).content.decode()
    assert "Discussion board" not in page  # members only: outsiders get no link to a page they cannot read
    url = reverse("discussions:coalition-board", args=[coalition.slug])
    assert client.get(url).status_code == 404
    assert not Category.objects.exists()
    client.force_login(membership.person)
    page = client.get(english(coalition.get_absolute_url())).content.decode()
    assert "Discussion board" in page
    response = client.get(url)
    assert response["Location"] == Category.objects.get(coalition=coalition).get_absolute_url()


def test_discuss_links_only_for_people_who_may_read_the_board(client):
    from tests.coalitions.factories import MeetingFactory

    membership = MembershipFactory(coalition__visibility="members")
    meeting = MeetingFactory(coalition=membership.coalition)
    address = english(meeting.get_absolute_url())
    assert "Discuss this meeting" not in client.get(address).content.decode()
    client.force_login(membership.person)
    assert "Discuss this meeting" in client.get(address).content.decode()


def test_members_only_boards_offer_no_feeds_even_to_members(client):
    from tests.discussions.factories import ThreadFactory

    membership = MembershipFactory(coalition__visibility="members")
    board = Category.objects.board_for(membership.coalition)
    thread = ThreadFactory(category=board)
    client.force_login(membership.person)
    for page in (client.get(board.get_absolute_url()), client.get(thread.get_absolute_url())):
        assert page.status_code == 200
        assert "/rss/" not in page.content.decode()  # feed readers cannot log in: no dead links
