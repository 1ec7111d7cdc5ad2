"""E-mails about requests and offers, batched like the forum's notifications.

Each step says who is told (`queue_*` below, called by the views after the step): one Notice row per person and
event, in the outbox. `send_pending_notices()` (the command `send_families_notifications`, run every few minutes
by cron on any node, or the task) sends each person one mail with everything new since their last mail, at most
one mail per person every FAMILIES_NOTIFICATION_MINUTES. Rows are claimed with SELECT … FOR UPDATE SKIP LOCKED,
so two nodes never mail anybody twice. A notice about a request the person may no longer see is dropped when
the mail is made (an agreement ended, a link to a provider removed).

The mails carry no free text: the category, the ORP, the request's number and deadline, and a link to the
portal, where the person signs in and every access is logged.
"""

import datetime as dt

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from core.mail import absolute_url, in_language, render_templated, send_messages
from families import permissions
from families.models import FrameworkAgreement, Notice, OspodAssignment
from services.models import ProviderStaff

DEFAULT_INTERVAL_MINUTES = 15


def interval() -> dt.timedelta:
    return dt.timedelta(minutes=getattr(settings, "FAMILIES_NOTIFICATION_MINUTES", DEFAULT_INTERVAL_MINUTES))


def _queue(kind: str, request_obj, user_ids, *, actor=None) -> int:
    ids = set(user_ids) - ({actor.pk} if actor is not None else set())
    Notice.objects.bulk_create([Notice(user_id=pk, request=request_obj, kind=kind) for pk in sorted(ids)])
    return len(ids)


def _office_workers(request_obj):
    return OspodAssignment.objects.filter(orp_id=request_obj.orp_id).values_list("user_id", flat=True)


def _staff_of(provider_ids):
    return ProviderStaff.objects.filter(provider_id__in=provider_ids).values_list("user_id", flat=True)


def queue_new_request(request_obj, *, actor=None) -> int:
    """Staff of every provider that may answer: an agreement in force of the category covering the ORP."""
    providers = (FrameworkAgreement.objects.in_force().covering(request_obj.category, request_obj.orp_id)
                 .values_list("provider_id", flat=True))
    return _queue(Notice.Kind.NEW_REQUEST, request_obj, _staff_of(providers), actor=actor)


def queue_new_offer(offer, *, actor=None) -> int:
    return _queue(Notice.Kind.NEW_OFFER, offer.request, _office_workers(offer.request), actor=actor)


def queue_selection(contract, *, actor=None) -> int:
    """The chosen provider's staff, and the staff of every other bidder (not selected)."""
    request_obj = contract.request
    others = request_obj.offers.filter(state="not_selected").values_list("provider_id", flat=True)
    told = _queue(Notice.Kind.SELECTED, request_obj, _staff_of([contract.provider_id]), actor=actor)
    return told + _queue(Notice.Kind.NOT_SELECTED, request_obj, _staff_of(others), actor=actor)


def queue_cancellation(request_obj, *, actor=None) -> int:
    bidders = request_obj.offers.exclude(state="withdrawn").values_list("provider_id", flat=True)
    return _queue(Notice.Kind.CANCELLED, request_obj, _staff_of(bidders), actor=actor)


def queue_delivery(report, *, actor=None) -> int:
    request_obj = report.contract.request
    return _queue(Notice.Kind.DELIVERY, request_obj, _office_workers(request_obj), actor=actor)


def queue_closure(contract, *, actor=None) -> int:
    return _queue(Notice.Kind.CLOSURE, contract.request, _office_workers(contract.request), actor=actor)


def queue_confirmation(contract, *, actor=None) -> int:
    return _queue(Notice.Kind.CONFIRMED, contract.request, _staff_of([contract.provider_id]), actor=actor)


# --- Sending -------------------------------------------------------------------------------------------------


def _message(person, notices):
    with in_language(person.language):
        items = [{"kind": notice.get_kind_display(), "request": notice.request,
                  "category": notice.request.get_category_display(), "orp": notice.request.orp.name,
                  "url": absolute_url(notice.request.get_absolute_url())} for notice in notices]
        context = {"person": person, "items": items, "count": len(items)}
    return render_templated("families/emails/digest", context, [person.email], language=person.language)


def send_pending_notices(*, now=None, batch: int = 500) -> int:
    """Send the due mails (one per person); returns how many went out."""
    now = now or timezone.now()
    recently_mailed = Notice.objects.filter(mailed_at__gt=now - interval()).values("user")
    due = (Notice.objects.pending().exclude(user__in=recently_mailed)
           .select_related("user", "request", "request__orp").order_by("user_id", "pk"))
    with transaction.atomic():
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True, of=("self",))
        rows = list(due[:batch])
        by_person = {}
        for row in rows:
            by_person.setdefault(row.user_id, (row.user, []))[1].append(row)
        messages = []
        for person, notices in by_person.values():
            if not (person.email and person.is_active):
                continue
            visible = set(permissions.visible_requests(person, now).filter(
                pk__in={n.request_id for n in notices}).values_list("pk", flat=True))
            shown = [n for n in notices if n.request_id in visible]
            if shown:
                messages.append(_message(person, shown))
        Notice.objects.filter(pk__in=[row.pk for row in rows]).update(mailed_at=now)
        sent = send_messages(messages, what="families notifications")
    return sent

