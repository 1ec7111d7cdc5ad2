"""Two gunicorn app nodes on one PostgreSQL and one Redis behave as one portal.

Each node is a separate gunicorn on its own port with the production settings (DEBUG off, Redis cache,
registry page cache on, database sessions, shared media folder). A login on node A is valid on node B;
a record changed through A is shown fresh on B (B had the page in the shared cache); a file uploaded
through A is served by B; a scheduled job started on both nodes at once sends each e-mail once.
"""

import datetime as dt
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from django.conf import global_settings, settings
from django.db import connection
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.utils import timezone

from coalitions.models import Document
from services.models import NetworkTarget, ServiceType
from territory.models import Orp, home_kraj
from tests.coalitions.factories import CoalitionFactory, MeetingFactory, MembershipFactory, minimal_pdf
from tests.accounts.factories import PASSWORD, UserFactory

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_available() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def node_env(tmp_path):
    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    (tmp_path / "mail").mkdir()
    return {
        **os.environ, "DEBUG": "0", "SECRET_KEY": "two-nodes-" + "k" * 40, "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "127.0.0.1", "SITE_URL": "http://127.0.0.1", "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0", "CONN_MAX_AGE": "60", "CACHE_URL": "redis://127.0.0.1:6379/14",
        "CACHE_KEY_PREFIX": f"two-nodes-{os.getpid()}-{time.time_ns()}", "REGISTRY_PAGE_CACHE_SECONDS": "300",
        "MEDIA_ROOT": str(tmp_path / "media"), "STATIC_ROOT": str(settings.STATIC_ROOT),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path / "mail"), "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
    }


@contextmanager
def app_node(env):
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "gunicorn", "portal.wsgi", "--workers", "1", "--bind",
                               f"127.0.0.1:{port}", "--log-level", "warning"], cwd=ROOT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)
                break
            except OSError:
                assert server.poll() is None, "the app node did not start"
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=20)


class Browser:
    """Just enough of a browser: cookies, CSRF tokens from forms, and no automatic redirects."""

    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):
                return None

        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), NoRedirect)

    def request(self, url, data=None, headers=None):
        try:
            with self.opener.open(urllib.request.Request(url, data=data, headers=headers or {}), timeout=30) as r:
                return r.status, r.read(), r.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read(), error.headers

    def get(self, url):
        return self.request(url)

    def csrf_token(self, url) -> str:
        status, body, _headers = self.get(url)
        assert status == 200, (url, status)
        return re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()

    def post_form(self, url, fields: dict, *, referer: str):
        fields = {"csrfmiddlewaretoken": self.csrf_token(url), **fields}
        return self.request(url, urllib.parse.urlencode(fields, doseq=True).encode(),
                            {"Content-Type": "application/x-www-form-urlencoded", "Referer": referer})

    def post_multipart(self, url, fields: dict, *, referer: str):
        fields = {"csrfmiddlewaretoken": self.csrf_token(url), **fields}
        return self.request(url, encode_multipart(BOUNDARY, fields),
                            {"Content-Type": MULTIPART_CONTENT, "Referer": referer})


def sent_mails(folder: Path) -> list[str]:
    """Recipients of every message the file-based mail backend wrote (one line "To: …" per message)."""
    return [line[4:].strip() for path in folder.iterdir() for line in path.read_text().splitlines()
            if line.startswith("To: ")]


@pytest.mark.skipif(not redis_available(), reason="Redis on 127.0.0.1:6379 is needed (see README)")
def test_two_app_nodes_share_sessions_cache_uploads_and_jobs(node_env, tmp_path, settings):
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS  # the nodes know only the real hashers
    admin = UserFactory(email="spravce@example.cz", is_staff=True, is_superuser=True, verified=True)
    coalition = CoalitionFactory()
    orp = Orp.objects.filter(kraj=home_kraj()).order_by("code").first()
    service_type = ServiceType.objects.filter(known=True).order_by("number").first()
    meeting = MeetingFactory(coalition=coalition, starts_at=timezone.now() + dt.timedelta(hours=20))
    members = [MembershipFactory(coalition=coalition).person for _ in range(3)]

    with ExitStack() as stack:
        node_a = stack.enter_context(app_node(node_env))
        node_b = stack.enter_context(app_node(node_env))

        # A login on node A is a valid session on node B.
        person = Browser()
        status, _body, headers = person.post_form(f"{node_a}/cs/ucet/login/",
                                                  {"login": admin.email, "password": PASSWORD},
                                                  referer=f"{node_a}/cs/ucet/login/")
        assert status == 302, re.findall(rb"(?:errorlist|error)[^<]*<[^>]*>[^<]*", _body)[:5]
        status, body, _headers = person.get(f"{node_b}/cs/ucet/profil/")
        assert status == 200 and admin.email.encode() in body

        # A record changed through node A is shown fresh on node B, which had the page cached.
        public = Browser()
        profile = f"/cs/kapacity/orp/{orp.code}/"
        status, before, headers = public.get(node_b + profile)
        if status == 301:
            profile = urllib.parse.urlsplit(headers["Location"]).path
            status, before, headers = public.get(node_b + profile)
        assert status == 200
        assert public.get(node_b + profile)[1] == before  # served from the shared cache
        add_url = f"{node_a}/cs/admin/services/networktarget/add/"
        status, _body, _headers = person.post_form(add_url, {
            "orp": orp.pk, "service_type": service_type.pk, "unit": "luzka", "target": "37", "note": "",
            "_save": "1"}, referer=add_url)
        assert status == 302, _body[:2000]
        assert NetworkTarget.objects.filter(orp=orp, target=37).exists()
        status, after, _headers = public.get(node_b + profile)
        assert status == 200 and after != before

        # A file uploaded through node A is served by node B.
        upload_url = f"{node_a}/cs/koalice/{coalition.slug}/dokumenty/novy/"
        pdf = minimal_pdf("dva uzly")
        file_field = _named_file("zapis.pdf", pdf)
        status, _body, _headers = person.post_multipart(upload_url, {
            "kind": "other", "title": "Zápis ze setkání", "description": "", "file": file_field,
            "version": "1", "public": "on", "meeting": ""}, referer=upload_url)
        assert status == 302, _body[:3000]
        document = Document.objects.get(title="Zápis ze setkání")
        status, body, headers = Browser().get(f"{node_b}/cs/koalice/dokumenty/{document.pk}/")
        assert status == 200 and body == pdf
        assert headers["Content-Disposition"].startswith("attachment")

    # A scheduled job started on both nodes at once sends each e-mail once.
    command = [sys.executable, "manage.py", "send_meeting_reminders"]
    runs = [subprocess.Popen(command, cwd=ROOT, env=node_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            for _ in range(2)]
    for run in runs:
        assert run.wait(timeout=120) == 0, run.stderr.read().decode()
    recipients = sent_mails(tmp_path / "mail")
    assert sorted(recipients) == sorted(person.email for person in members)
    meeting.refresh_from_db()
    assert meeting.reminders_sent_at is not None


def _named_file(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/pdf")
