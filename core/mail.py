"""The one way the portal builds and sends e-mail.

A mail is a template triple `<prefix>_subject.txt`, `<prefix>_body.txt` and (optional) `<prefix>_body.html`,
rendered in the recipient's language and sent through Django's mailers (settings.MAILERS). An app's
`emails.py` only chooses the recipients and builds the context, then calls one of:

    send_templated(prefix, context, to, language=…)      render and send one mail now; True when sent
    render_templated(prefix, context, to, language=…)    render only, for a batch sent by send_messages()
    send_messages(messages, what=…)                       send a batch over one connection
    send_templated_later(prefix, context, to, language=…) the same as send_templated, as a background task
                                                          enqueued when the transaction commits (core.tasks)

A failing mail server is logged and never raised (SMTP errors are OSErrors): what the mail is about is
stored before it is mailed, and the caller decides what a failed mail means (release a claim, leave
`mailed_at` empty…). Links in a mail must be built in the recipient's language too: build the context
inside `in_language(person.language)`, with `absolute_url()` for the site's address.
"""

import logging
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers
from django.template import TemplateDoesNotExist
from django.template.loader import get_template, render_to_string
from django.utils import translation

logger = logging.getLogger(__name__)

# (file name, content, MIME type), as EmailMessage.attach() takes them.
Attachment = tuple[str, bytes | str, str]


def absolute_url(path: str) -> str:
    """The site's address (settings.SITE_URL) before a path: mails need whole links."""
    return settings.SITE_URL + path


def in_language(language: str | None):
    """Activate a recipient's language (User.language; empty means the site's language) for a block."""
    return translation.override(language or settings.LANGUAGE_CODE)


def render_templated(template_prefix: str, context: dict, to: Sequence[str], *, language: str | None,
                     reply_to: Sequence[str] | None = None, headers: dict | None = None,
                     attachments: Iterable[Attachment] = (), from_email: str | None = None,
                     ) -> EmailMultiAlternatives:
    """One mail rendered from `<template_prefix>_subject.txt`, `_body.txt` and, if it exists, `_body.html`
    in `language`. The subject is one line whatever the template's whitespace."""
    with in_language(language):
        subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
        body = render_to_string(f"{template_prefix}_body.txt", context)
        try:
            html_template = get_template(f"{template_prefix}_body.html")
        except TemplateDoesNotExist:
            html_template = None
        html = html_template.render(context) if html_template else None
    message = EmailMultiAlternatives(subject, body, from_email or settings.DEFAULT_FROM_EMAIL, list(to),
                                     reply_to=list(reply_to or []), headers=dict(headers or {}))
    if html is not None:
        message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message


def send_messages(messages: Sequence[EmailMultiAlternatives], *, what: str) -> int:
    """Send over one connection; the number sent. A failing mail server is logged (with `what`), not raised."""
    if not messages:
        return 0
    try:
        return mailers.default.send_messages(list(messages)) or 0
    except OSError:  # SMTP errors are OSErrors
        logger.exception("Could not send %s (%d mail(s))", what, len(messages))
        return 0


def send_templated(template_prefix: str, context: dict, to: Sequence[str], *, language: str | None,
                   reply_to: Sequence[str] | None = None, headers: dict | None = None,
                   attachments: Iterable[Attachment] = (), from_email: str | None = None,
                   what: str = "") -> bool:
    """Render one mail (see render_templated) and send it now; True when the mail server took it."""
    message = render_templated(template_prefix, context, to, language=language, reply_to=reply_to,
                               headers=headers, attachments=attachments, from_email=from_email)
    return send_messages([message], what=what or template_prefix) == 1


def send_templated_later(template_prefix: str, context: dict, to: Sequence[str], *, language: str | None,
                         reply_to: Sequence[str] | None = None, headers: dict | None = None,
                         what: str = "") -> None:
    """send_templated() as a background task, enqueued once the current transaction commits (nothing is
    sent when it rolls back). The context is stored with the task: plain JSON values only (strings,
    numbers, lists, dicts), no model instances; a mail about models takes their pks in an app's task."""
    from core.tasks import enqueue_on_commit, send_templated_task

    enqueue_on_commit(send_templated_task, template_prefix, context, list(to), language=language,
                      reply_to=list(reply_to or []), headers=dict(headers or {}), what=what)
