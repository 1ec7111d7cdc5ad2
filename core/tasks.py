"""Background tasks of the shared machinery (django.tasks: the database backend and `manage.py db_worker` in
production, the ImmediateBackend in development and tests), and the one way to enqueue a task from a
request: `enqueue_on_commit()`."""

import json

from django.db import transaction
from django.tasks import task

from core.mail import send_templated


def enqueue_on_commit(task_, *args, **kwargs) -> None:
    """Enqueue `task_` when the current transaction commits (at once outside a transaction); never when it
    rolls back, so a task only ever sees data that was stored. Arguments must be JSON values (pks, strings,
    numbers, lists, dicts): the database backend stores them, and this check fails early with the
    ImmediateBackend too, which would otherwise accept a model instance."""
    json.dumps([args, kwargs])  # TypeError for a model instance, a date, a lazy string…
    transaction.on_commit(lambda: task_.enqueue(*args, **kwargs))


@task()
def send_templated_task(template_prefix: str, context: dict, to: list[str], *, language: str | None,
                        reply_to: list[str], headers: dict, what: str = "") -> bool:
    """core.mail.send_templated_later's task."""
    return send_templated(template_prefix, context, to, language=language, reply_to=reply_to,
                          headers=headers, what=what)
