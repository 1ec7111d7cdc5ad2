"""Fill empty msgstr of locale/<lang>/LC_MESSAGES/django.po from a Python dict file (developer tool).

Usage: python scripts/fill_po.py cs translations.py [more.py …]
Each file defines CS = {msgid: msgstr or [plurals]}; a msgid with a context (pgettext) is keyed
"context\x04msgid", as gettext itself keys it. Needs `polib` (pip install polib); not a runtime dependency.
"""

import runpy
import sys

import polib


PLURAL_FORMS = {
    "cs": "nplurals=3; plural=(n==1) ? 0 : (n>=2 && n<=4) ? 1 : 2;",
    "en": "nplurals=2; plural=(n != 1);",
}


def main(language: str, *sources: str) -> None:
    table = {}
    for source in sources:
        table.update(next(v for k, v in runpy.run_path(source).items() if k.isupper() and isinstance(v, dict)))
    po = polib.pofile(f"locale/{language}/LC_MESSAGES/django.po")
    # Strings our allauth templates share with allauth take allauth's own translation.
    import allauth

    allauth_po = polib.pofile(f"{allauth.__path__[0]}/locale/{language}/LC_MESSAGES/django.po")
    for entry in allauth_po:
        if entry.msgstr and not entry.msgid_plural:
            table.setdefault(entry.msgid, entry.msgstr)
    po.metadata["Plural-Forms"] = PLURAL_FORMS[language]
    po.metadata["Language"] = language
    po.metadata["Project-Id-Version"] = "socialni-sluzby-portal"
    po.metadata["Language-Team"] = {"cs": "Czech", "en": "English"}[language]
    po.metadata["Last-Translator"] = "Portal team <socialni-sluzby@example.invalid>"
    po.metadata["PO-Revision-Date"] = po.metadata.get("POT-Creation-Date", "")
    po.metadata["Content-Type"] = "text/plain; charset=UTF-8"
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        value = table.get(f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid)
        if value is None and "fuzzy" in entry.flags:
            # msgmerge's fuzzy guesses are usually wrong ("Free places" → "Zvolené místo"): drop them.
            entry.flags.remove("fuzzy")
            entry.msgstr = ""
            entry.msgstr_plural = {k: "" for k in entry.msgstr_plural}
            entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        if value is None:
            if not entry.translated():
                missing.append(entry.msgid)
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = dict(enumerate(value))
        else:
            entry.msgstr = value
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save()
    print(f"{language}: {po.percent_translated()} % translated; untranslated: {missing}")


if __name__ == "__main__":
    main(sys.argv[1], *sys.argv[2:])
