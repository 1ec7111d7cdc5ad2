"""The one mail helper (core/mail.py) and enqueuing on commit (core/tasks.py)."""

import pytest
from django.db import transaction

from core.mail import render_templated, send_templated, send_templated_later
from core.tasks import enqueue_on_commit, send_templated_task

BROKEN = "django.core.mail.backends.locmem.EmailBackend.send_messages"
LANGUAGE = "{% load i18n %}{% get_current_language as language %}"


@pytest.fixture
def templates(settings, tmp_path):
    """Mail templates of a test: `notice` has an HTML part, `plain` has none."""
    folder = tmp_path / "templates" / "tests" / "emails"
    folder.mkdir(parents=True)
    (folder / "notice_subject.txt").write_text(LANGUAGE + "\n  Hello   {{ name }}\n[{{ language }}]\n")
    (folder / "notice_body.txt").write_text(LANGUAGE + "Body for {{ name }} in {{ language }}")
    (folder / "notice_body.html").write_text(LANGUAGE + '<p lang="{{ language }}">{{ name }}</p>')
    (folder / "plain_subject.txt").write_text("Plain {{ item.title }}")
    (folder / "plain_body.txt").write_text("About {{ item.title }}")
    engine = {**settings.TEMPLATES[0], "DIRS": [tmp_path / "templates", *settings.TEMPLATES[0]["DIRS"]]}
    settings.TEMPLATES = [engine, *settings.TEMPLATES[1:]]
    return "tests/emails/"


def test_a_mail_is_rendered_in_the_recipients_language(templates):
    message = render_templated(templates + "notice", {"name": "Jana"}, ["jana@example.cz"], language="en",
                               reply_to=["sender@example.cz"], headers={"List-Unsubscribe": "<https://x/>"},
                               attachments=[("a.ics", b"BEGIN:VCALENDAR", "text/calendar")])
    assert message.subject == "Hello Jana [en]"  # one line, whatever the template's whitespace
    assert message.body == "Body for Jana in en"
    assert message.alternatives[0].content == '<p lang="en">Jana</p>'
    assert message.to == ["jana@example.cz"] and message.reply_to == ["sender@example.cz"]
    assert message.extra_headers == {"List-Unsubscribe": "<https://x/>"}
    assert message.attachments[0][0] == "a.ics"


def test_an_empty_language_is_the_sites_and_html_is_optional(templates, settings):
    assert render_templated(templates + "notice", {"name": "J"}, ["j@example.cz"], language="").body.endswith(
        settings.LANGUAGE_CODE)
    plain = render_templated(templates + "plain", {"item": {"title": "T"}}, ["j@example.cz"], language="cs")
    assert plain.alternatives == [] and plain.body == "About T" and plain.reply_to == []


@pytest.mark.django_db
def test_sending_reports_success_and_a_failing_server_is_logged_not_raised(templates, mailoutbox, monkeypatch,
                                                                          caplog):
    assert send_templated(templates + "plain", {"item": {"title": "T"}}, ["j@example.cz"], language="cs")
    assert [m.subject for m in mailoutbox] == ["Plain T"]

    def broken(*args, **kwargs):
        raise ConnectionRefusedError

    monkeypatch.setattr(BROKEN, broken)
    assert not send_templated(templates + "plain", {"item": {"title": "T"}}, ["j@example.cz"], language="cs",
                              what="a test mail")
    assert "Could not send a test mail" in caplog.text


@pytest.mark.django_db
def test_a_later_mail_leaves_after_commit_from_a_task(templates, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        send_templated_later(templates + "notice", {"name": "Jana"}, ["jana@example.cz"], language="en",
                             reply_to=["s@example.cz"])
        assert mailoutbox == []  # not before the commit
    assert len(callbacks) == 1
    (sent,) = mailoutbox
    assert sent.subject == "Hello Jana [en]" and sent.reply_to == ["s@example.cz"]


@pytest.mark.django_db
def test_nothing_is_sent_when_the_transaction_rolls_back(templates, mailoutbox,
                                                          django_capture_on_commit_callbacks):
    with (django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError),
          transaction.atomic()):
        send_templated_later(templates + "notice", {"name": "Jana"}, ["jana@example.cz"], language="en")
        raise RuntimeError("rolled back")
    assert callbacks == [] and mailoutbox == []


@pytest.mark.django_db
def test_task_arguments_must_be_json_values(user, django_capture_on_commit_callbacks):
    """The database backend stores the arguments; a model instance fails at once, even in tests."""
    with django_capture_on_commit_callbacks() as callbacks, pytest.raises(TypeError):
        enqueue_on_commit(send_templated_task, "x", {"person": user}, ["a@example.cz"], language="cs",
                          reply_to=[], headers={})
    assert callbacks == []
