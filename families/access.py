"""The access log: every opening of a request (its page, the offer form, a step, an export, the administration)
is written down with who and when. The views and the admin call these after the permission check, so the log
shows exactly the accesses that were let through."""

from django.utils import timezone

from families.models import RequestAccess


def _label(user) -> str:
    name = getattr(user, "public_name", "") or user.get_full_name() or user.get_username()
    return f"{name} <{user.email}>"[:300] if user.email else name[:300]


def log_access(request_obj, user, *, role: str, action: str = RequestAccess.Action.VIEW) -> RequestAccess:
    return RequestAccess.objects.create(request=request_obj, user=user, user_label=_label(user), role=role or "",
                                 action=action)


def log_export(request_ids, user, *, role: str) -> None:
    """One row per request in an export (an export is an access to each of them)."""
    now, label = timezone.now(), _label(user)
    RequestAccess.objects.bulk_create(
        [RequestAccess(request_id=pk, user=user, user_label=label, role=role or "",
                       action=RequestAccess.Action.EXPORT, at=now) for pk in request_ids], batch_size=2000)
