"""Czech that reads right: every message the portal can show is translated, counts take Czech's three plural
forms, a word with two meanings is told apart by its context, and one date style holds per language.

The first test extracts the messages from the sources into a copy of the catalogue, the way `makemessages`
does before a release, so that a new template string without a Czech translation fails here, not on a page.
"""

import datetime as dt
import shutil
from pathlib import Path

import polib
import pytest
from django.core.management import call_command
from django.utils import formats, translation
from django.utils.translation import gettext, ngettext, pgettext

from core.upstream_messages import UPSTREAM, UPSTREAM_PLURALS

ROOT = Path(__file__).resolve().parents[2]
# makemessages writes a temporary .py beside every template while it runs: the tests that read the sources run
# on one pytest-xdist worker, one after the other (`make test` distributes with --dist loadgroup).
pytestmark = pytest.mark.xdist_group("sources")


def test_every_message_of_the_sources_has_a_czech_translation(settings, tmp_path, monkeypatch):
    shutil.copytree(ROOT / "locale", tmp_path / "locale")
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(ROOT)
    # makemessages also writes into the project's own locale/ (it contains the templates' folder): put the
    # catalogue back as it was, so running the tests never changes a working tree.
    kept = ROOT / "locale" / "cs" / "LC_MESSAGES" / "django.po"
    original = kept.read_bytes()
    try:
        call_command("makemessages", locale=["cs"],
                     ignore_patterns=[".venv/*", "node_modules/*", "tests/*", "bench/.venv*", "staticfiles/*"],
                     verbosity=0)
        (tmp_path / "locale" / "cs" / "LC_MESSAGES" / "django.po").write_bytes(kept.read_bytes())
    finally:
        kept.write_bytes(original)
    catalogue = polib.pofile(str(tmp_path / "locale" / "cs" / "LC_MESSAGES" / "django.po"))
    missing = [entry.msgid for entry in catalogue if not entry.obsolete
               and (not entry.translated() or "fuzzy" in entry.flags)]
    assert missing == [], ("messages without a Czech translation (run makemessages and fill "
                           f"locale/cs/LC_MESSAGES/django.po, see scripts/fill_po.py): {missing}")


def test_messages_django_leaves_untranslated_read_in_czech():
    with translation.override("cs"):
        untranslated = [message for message in UPSTREAM if gettext(message) == message]
        untranslated += [plural for singular, plural in UPSTREAM_PLURALS if ngettext(singular, plural, 5) == plural]
        assert untranslated == []
        assert gettext("- Select an option -") == "– vyberte –"


@pytest.mark.parametrize(("count", "expected"), [(1, "1 záznam"), (3, "3 záznamy"), (5, "5 záznamů"),
                                                 (48, "48 záznamů"), (400, "400 záznamů")])
def test_counts_take_the_czech_plural_forms(count, expected):
    with translation.override("cs"):
        assert ngettext("%(counter)s record", "%(counter)s records", count) % {"counter": count} == expected


def test_a_word_with_two_meanings_is_translated_by_its_context():
    with translation.override("cs"):
        assert pgettext("flag a post for moderators", "Report") == "Nahlásit"
        assert pgettext("the log of an import", "Report") == "Protokol"
        assert pgettext("of a person", "name") == "jméno"
        assert gettext("name") == "název"
        assert pgettext("capacity", "registered") != pgettext("registration status", "registered")


@pytest.mark.parametrize(("language", "long", "short"), [
    ("cs", "1. května 2026", "1. 5. 2026"),
    ("en", "1 May 2026", "1 May 2026"),
])
def test_one_date_style_per_language(language, long, short):
    day = dt.date(2026, 5, 1)
    with translation.override(language):
        assert formats.date_format(day, "DATE_FORMAT") == long
        assert formats.date_format(day, "SHORT_DATE_FORMAT") == short


def test_templates_name_the_date_formats_instead_of_patterns_of_their_own():
    """A pattern written into a template ("j. n. Y") shows Czech dates on English pages."""
    own_patterns = []
    for path in (ROOT / "templates").rglob("*.*"):
        text = path.read_text(encoding="utf-8")
        for pattern in ('date:"j.', 'date:"d.m', 'date:"n/j', 'date:"N j', 'time:"H:i"', 'time:"G:i"'):
            if pattern in text:
                own_patterns.append(f"{path.relative_to(ROOT)}: {pattern}")
    assert own_patterns == []


TRANSLATING = {"_", "gettext", "gettext_lazy", "pgettext", "pgettext_lazy", "ngettext", "ngettext_lazy",
               "npgettext", "gettext_noop"}


def test_no_message_is_hidden_inside_an_f_string():
    """xgettext does not look inside f-strings: f"{_('coverage %')}" never reached the catalogue, so the CSV
    header of the capacity overview stayed half English."""
    import ast

    hidden = []
    for path in ROOT.rglob("*.py"):
        if any(part.startswith(".venv") or part in ("node_modules", "migrations", "staticfiles") for part in path.parts):
            continue
        if path.suffixes[-2:-1] in ([".html"], [".txt"]):  # makemessages' passing copies of templates
            continue  # (the catalogue test above may be extracting on another worker right now)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.JoinedStr):
                for call in ast.walk(node):
                    if (isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
                            and call.func.id in TRANSLATING):
                        hidden.append(f"{path.relative_to(ROOT)}:{call.lineno}")
    assert hidden == []
