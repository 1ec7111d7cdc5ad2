"""Shared fixtures. Settings come from the environment (see Makefile: SECRET_KEY, DATABASE_URL)."""

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from accounts import roles
from territory.models import Kraj, home_kraj
from tests.accounts.factories import UserFactory

# Playwright fixtures (axe_source, browser, page) for the browser tests of every app.
pytest_plugins = ["tests.browser"]


@pytest.fixture(scope="session", autouse=True)
def _static_manifest(tmp_path_factory):
    """whitenoise's manifest storage needs collected files; collect them once per run into a temp dir."""
    static_root = tmp_path_factory.mktemp("staticfiles")
    settings.STATIC_ROOT = static_root
    call_command("collectstatic", interactive=False, verbosity=0)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Factories hash a password per person; the production hasher is deliberately slow."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files of a test land in its own temporary folder, never in the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _reset_language():
    """A request for an /en/ page leaves English active in this thread; the next test starts in Czech."""
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _clean_cache():
    """An empty cache, and nothing of an earlier test in the process's memory (core.pagecache)."""
    from core import pagecache

    for memory in (cache, pagecache.local_memo, pagecache.local_pages):
        memory.clear()
    yield
    for memory in (cache, pagecache.local_memo, pagecache.local_pages):
        memory.clear()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def verified_user(db):
    return UserFactory(verified=True)


@pytest.fixture
def moderator(db):
    return UserFactory(verified=True, roles=[roles.MODERATOR])


@pytest.fixture
def coordinator(db):
    """Regional coordinator of the installation's home kraj (settings.PORTAL_REGION)."""
    person = UserFactory(regional_coordinator=True)
    person.coordinated_kraje.add(home_kraj())
    return person


@pytest.fixture
def other_region_coordinator(db):
    """Regional coordinator of a different kraj than the home one."""
    person = UserFactory(regional_coordinator=True)
    person.coordinated_kraje.add(Kraj.objects.exclude(pk=home_kraj().pk).order_by("code").first())
    return person


@pytest.fixture
def planning_coordinator(db):
    """Planning coordinator (ORP community planning) of the locality Kladensko, assigned by the kraj."""
    from tests.planning.factories import planning_coordinator_of

    return planning_coordinator_of()
