"""The e-mails: batched per person at most once per FAMILIES_NOTIFICATION_MINUTES, only about requests the person
may still see, never with the free text; the outbox is claimed once however many senders run."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from families import emails
from families.models import Notice, Offer
from tests.families.factories import make_request, offer_data, ospod_worker, provider_with_agreement

pytestmark = pytest.mark.django_db


def test_news_in_quick_succession_make_one_mail_per_interval(settings):
    settings.FAMILIES_NOTIFICATION_MINUTES = 15
    worker = ospod_worker()
    staff, _provider, _agreement = provider_with_agreement()
    first = make_request(worker)
    emails.queue_new_request(first, actor=worker)
    assert emails.send_pending_notices() == 1
    second, third = make_request(worker), make_request(worker)
    emails.queue_new_request(second, actor=worker)
    emails.queue_new_request(third, actor=worker)
    assert emails.send_pending_notices() == 0  # mailed a moment ago: the news wait
    later = timezone.now() + dt.timedelta(minutes=16)
    assert emails.send_pending_notices(now=later) == 1
    assert len(mail.outbox) == 2 and mail.outbox[0].to == [staff.email]
    body = mail.outbox[1].body
    assert second.reference in body and third.reference in body and first.reference not in body
    assert "dvě návštěvy" not in body and "SPOD" not in body  # no free text
    assert not Notice.objects.pending().exists()


def test_the_actor_is_not_told_about_their_own_step(db):
    worker, colleague = ospod_worker(), ospod_worker()
    staff, _provider, agreement = provider_with_agreement()
    request = make_request(worker)
    offer = Offer.submit(request=request, agreement=agreement, by=staff, **offer_data(agreement))
    emails.queue_new_offer(offer, actor=staff)
    assert set(Notice.objects.values_list("user", flat=True)) == {worker.pk, colleague.pk}


def test_a_notice_about_a_request_the_person_can_no_longer_see_is_dropped():
    worker = ospod_worker()
    _staff, _provider, agreement = provider_with_agreement()
    request = make_request(worker)
    emails.queue_new_request(request, actor=worker)
    agreement.valid_to = timezone.localdate() - dt.timedelta(days=1)  # the agreement ended meanwhile
    agreement.valid_from = agreement.valid_to - dt.timedelta(days=10)
    agreement.save()
    assert emails.send_pending_notices() == 0 and mail.outbox == []
    assert not Notice.objects.pending().exists()


def test_the_mail_is_in_the_persons_language():
    worker = ospod_worker()
    staff, _provider, _agreement = provider_with_agreement()
    staff.language = "en"
    staff.save()
    emails.queue_new_request(make_request(worker), actor=worker)
    call_command("send_families_notifications")
    assert "news about requests" in mail.outbox[0].subject
