"""The production recipe in deploy/ names only commands and settings that exist."""

import re
from pathlib import Path

from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def test_every_management_command_the_recipe_runs_exists():
    text = "\n".join(path.read_text() for path in DEPLOY.iterdir() if path.is_file())
    named = set(re.findall(r"manage\.py\"?,? \"?([a-z_]+)", text))
    assert {"db_worker", "send_meeting_reminders", "send_forum_notifications", "migrate"} <= named
    assert named - set(get_commands()) == set()


def test_compose_runs_two_app_nodes_a_worker_a_scheduler_and_the_services():
    compose = (DEPLOY / "compose.yaml").read_text()
    services = set(re.findall(r"^  ([a-z0-9]+):\s*(?:#.*)?$", compose, flags=re.MULTILINE))
    assert {"app1", "app2", "worker", "scheduler", "db", "redis", "proxy"} <= services
    assert "reverse_proxy app1:8000 app2:8000" in (DEPLOY / "Caddyfile").read_text()


def test_environment_template_covers_the_required_production_settings():
    template = (DEPLOY / "env.example").read_text()
    for name in ("SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL", "DATABASE_URL", "CACHE_URL", "EMAIL_HOST"):
        assert re.search(rf"^{name}=", template, flags=re.MULTILINE), name
