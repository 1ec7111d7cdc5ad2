"""core.registrations: one implementation of seats, the waiting list and attendance, checked through each of its
users, a coalition's meeting, a portal-wide event and an education term (same calls, same outcomes)."""

import pytest

from core.registrations import RegistrationStatus
from tests.accounts.factories import UserFactory
from tests.coalitions.factories import EventFactory, MeetingFactory
from tests.education.factories import make_term

pytestmark = pytest.mark.django_db

OCCASIONS = {
    "meeting": lambda capacity: MeetingFactory(capacity=capacity),
    "event": lambda capacity: EventFactory(capacity=capacity, registration_on_portal=True),
    "term": lambda capacity: make_term(capacity=capacity),
}


@pytest.fixture(params=sorted(OCCASIONS))
def occasion(request):
    return OCCASIONS[request.param](1)


def test_a_full_occasion_puts_people_on_the_waiting_list_in_order(occasion):
    first, second, third = UserFactory.create_batch(3)
    assert occasion.register(first).status == RegistrationStatus.REGISTERED
    waiting = occasion.register(second)
    later = occasion.register(third)
    assert waiting.is_waiting and later.is_waiting
    assert (waiting.waiting_position(), later.waiting_position()) == (1, 2)
    assert occasion.is_full() and occasion.seat_counts() == {"registered": 1, "waiting": 2}


def test_registering_twice_keeps_the_place(occasion):
    person, other = UserFactory.create_batch(2)
    assert occasion.register(person).newly_signed_up
    assert occasion.register(other).newly_signed_up
    again = occasion.register(other)
    assert again.is_waiting and again.waiting_position() == 1
    assert not again.newly_signed_up  # a repeated click: nothing to confirm again
    assert occasion.registrations.count() == 2


def test_a_cancelled_seat_goes_to_the_first_person_waiting(occasion):
    first, second, third = UserFactory.create_batch(3)
    occasion.register(first)
    occasion.register(second)
    occasion.register(third)
    promoted = occasion.cancel_registration(first)
    assert promoted.person == second and promoted.is_registered
    assert occasion.registrations.get(person=third).waiting_position() == 1
    assert occasion.cancel_registration(third) is None  # leaving the waiting list frees no seat
    assert occasion.registrations.get(person=first).status == RegistrationStatus.CANCELLED


def test_attendance_marks_who_came_and_tells_what_changed(occasion):
    came, missed, walked_in = UserFactory.create_batch(3)
    occasion.capacity = None
    occasion.save()
    occasion.register(came)
    occasion.register(missed)
    change = occasion.record_attendance({came.pk, walked_in.pk}, {came.pk, missed.pk})
    assert change.came == {came.pk, walked_in.pk} and change.withdrawn == set()
    rows = dict(occasion.registrations.values_list("person_id", "attended"))
    assert rows == {came.pk: True, missed.pk: False, walked_in.pk: True}
    assert occasion.registrations.get(person=walked_in).is_registered
    correction = occasion.record_attendance({walked_in.pk}, {came.pk, missed.pk, walked_in.pk})
    assert correction.came == set() and correction.withdrawn == {came.pk}


def test_attendance_of_a_term_keeps_its_history():
    term = make_term(capacity=None)
    person, organiser = UserFactory.create_batch(2)
    term.register(person)
    term.record_attendance({person.pk}, {person.pk}, by=organiser)
    newest = term.registrations.get(person=person).history.order_by("-history_id").first()
    assert newest.attended is True and newest.history_user == organiser
