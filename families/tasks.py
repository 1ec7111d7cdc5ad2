"""Background tasks of the families app (django.tasks; cron may run the management commands instead)."""

from django.tasks import task


@task()
def send_notifications() -> int:
    """Every few minutes: the batched mails about requests and offers (families/emails.py)."""
    from families.emails import send_pending_notices

    return send_pending_notices()


@task()
def apply_retention() -> str:
    """Daily: remove the free text of requests finished longer than the retention period ago."""
    from families.retention import apply_retention as apply

    return apply().summary()
