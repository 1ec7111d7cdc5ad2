"""Background tasks of coalitions (django.tasks): the mails that the request does not wait for. Enqueued on
commit by coalitions.emails.queue_*; each takes pks and plain values and reloads what it mails about."""

from django.tasks import task


@task()
def send_invitations(meeting_pk: int) -> int:
    from coalitions import emails

    return emails.send_invitations(meeting_pk)


@task()
def send_registration_notice(registration_pk: int, *, promoted: bool = False) -> int:
    from coalitions import emails

    return emails.send_registration_notice(registration_pk, promoted=promoted)


@task()
def send_event_registration_notice(registration_pk: int, *, promoted: bool = False) -> int:
    from coalitions import emails

    return emails.send_event_registration_notice(registration_pk, promoted=promoted)


@task()
def send_minutes_notice(minutes_pk: int, *, status: str | None = None) -> int:
    from coalitions import emails

    return emails.send_minutes_notice(minutes_pk, status=status)
