"""Settings are read from the environment; production settings pass `check --deploy` with no warning."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "x7#kq!2v$9mz@pl4w8&rt6^yb1n0c3d5e-f_g+h=j*s%u(a)i[o]QWERTYUIOPASDF",
    "ALLOWED_HOSTS": "socialni-sluzby.example.cz",
    "SITE_URL": "https://socialni-sluzby.example.cz",
}


def run_django(code_or_args, env_overrides, *, tmp_path):
    """Run manage.py in a fresh interpreter with exactly the given environment (plus PATH)."""
    env = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "LANG": "C.UTF-8",
           "MEDIA_ROOT": str(tmp_path / "media"),
           "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", **env_overrides}
    env = {k: v for k, v in env.items() if v is not None}
    args = code_or_args if isinstance(code_or_args, list) else ["shell", "-c", code_or_args]
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=400)  # generous: a loaded CI machine, not a speed check


SHOW = ("import json; from django.conf import settings as s; print(json.dumps({"
        "'debug': s.DEBUG, 'engine': s.DATABASES['default']['ENGINE'], 'name': str(s.DATABASES['default']['NAME']),"
        "'cache': s.CACHES['default']['BACKEND'], 'hosts': s.ALLOWED_HOSTS, 'region': s.PORTAL_REGION,"
        "'email': s.MAILERS['default']['BACKEND'], 'site': s.SITE_URL, 'hsts': s.SECURE_HSTS_SECONDS}))")


def settings_for(env, tmp_path):
    result = run_django(SHOW, env, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_development_defaults(tmp_path):
    shown = settings_for({"DEBUG": "1", "DATABASE_URL": None}, tmp_path)
    assert shown["debug"] is True
    assert shown["engine"] == "django.db.backends.sqlite3"
    assert shown["name"].endswith("portal.sqlite3")
    assert shown["cache"].endswith("LocMemCache")
    assert shown["email"].endswith("console.EmailBackend")
    assert shown["region"] == "CZ020"
    assert shown["hsts"] == 0


def test_production_values_come_from_the_environment(tmp_path):
    shown = settings_for({**PRODUCTION_ENV, "DATABASE_URL": "postgres://portal:pw@db.internal:5432/portal",
                          "CACHE_URL": "redis://cache.internal:6379/1", "PORTAL_REGION": "CZ064"}, tmp_path)
    assert shown["debug"] is False
    assert shown["engine"] == "django.db.backends.postgresql"
    assert shown["cache"].endswith("RedisCache")
    assert shown["hosts"] == ["socialni-sluzby.example.cz"]
    assert shown["region"] == "CZ064"
    assert shown["email"].endswith("smtp.EmailBackend")
    assert shown["site"] == "https://socialni-sluzby.example.cz"
    assert shown["hsts"] == 31536000


def test_production_requires_a_secret_key(tmp_path):
    result = run_django(SHOW, {"DEBUG": "0"}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_malformed_boolean_is_reported_clearly(tmp_path):
    result = run_django(SHOW, {"DEBUG": "maybe"}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = run_django(["check", "--deploy", "--fail-level", "WARNING"], PRODUCTION_ENV, tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.slow
def test_sqlite_quick_start_migrates_seeds_and_renders_home(tmp_path):
    """The embedded default of `make run`: migrate + seed_demo on SQLite, then the home page renders."""
    env = {"DEBUG": "1", "DATABASE_URL": f"sqlite:///{tmp_path / 'quick.sqlite3'}"}
    assert run_django(["migrate", "-v0"], env, tmp_path=tmp_path).returncode == 0
    seeded = run_django(["seed_demo"], env, tmp_path=tmp_path)
    assert seeded.returncode == 0, seeded.stderr
    assert "koordinator@demo.invalid" in seeded.stdout
    page = run_django(
        "from django.test import Client; from territory.models import Obec, Kraj;"
        "r = Client().get('/cs/', HTTP_HOST='127.0.0.1'); body = r.content.decode();"
        "print(r.status_code, Obec.objects.count(), 'Demo data' in body or 'Ukázková data' in body,"
        " list(Kraj.objects.values_list('name', flat=True))[-2:])",
        env, tmp_path=tmp_path)
    assert page.returncode == 0, page.stderr
    assert page.stdout.strip().splitlines()[-1] == "200 6258 True ['Ústecký kraj', 'Zlínský kraj']"
    # A signed-in coordinator's thread and category pages, twice (the second from memory): the forum's one query
    # about the person (string aggregates) and the prepared queries of the viewer's answers on SQLite.
    thread = run_django(
        "from django.test import Client; from accounts.models import User; from discussions.models import Thread;"
        "c = Client(HTTP_HOST='127.0.0.1'); c.force_login(User.objects.get(email='koordinator@demo.invalid'));"
        "t = Thread.objects.filter(is_hidden=False).order_by('pk').first();"
        "r = [c.get(u) for u in (t.get_absolute_url(), t.category.get_absolute_url()) for _ in range(2)];"
        "print([x.status_code for x in r], all(b'forum-post' in x.content for x in r[:2]),"
        " b'forum-table' in r[3].content)",
        env, tmp_path=tmp_path)
    assert thread.returncode == 0, thread.stderr
    assert thread.stdout.strip().splitlines()[-1] == "[200, 200, 200, 200] True True"


def test_uploads_go_to_private_s3_storage_when_a_bucket_is_set(tmp_path):
    code = ("import json; from django.conf import settings as s;"
            "print(json.dumps(s.STORAGES['default']))")
    local = run_django(code, PRODUCTION_ENV, tmp_path=tmp_path)
    assert json.loads(local.stdout.strip().splitlines()[-1])["BACKEND"].endswith("FileSystemStorage")
    s3 = run_django(code, {**PRODUCTION_ENV, "MEDIA_S3_BUCKET": "kraj-portal-media",
                           "MEDIA_S3_ENDPOINT_URL": "https://s3.example.cz"}, tmp_path=tmp_path)
    storage = json.loads(s3.stdout.strip().splitlines()[-1])
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    assert storage["OPTIONS"]["bucket_name"] == "kraj-portal-media"
    assert storage["OPTIONS"]["endpoint_url"] == "https://s3.example.cz"
    assert storage["OPTIONS"]["default_acl"] == "private" and storage["OPTIONS"]["querystring_auth"] is True
