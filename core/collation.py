"""Czech alphabetical order on both databases.

PostgreSQL sorts with the ICU collation `czech` (locale `cs`, created by portal migration 0001): Č after C,
Ch after H, Ř after R, Š after S, Ž after Z; á, é, í … sort with their base letter. SQLite has no ICU, so the same collation name is registered on
every SQLite connection with a Python implementation of the Czech rules (ČSN 97 6030) and model fields
declare `db_collation=CZECH` once, for both.
"""

import unicodedata

from django.db.backends.signals import connection_created

CZECH = "czech"

# Letters of the Czech alphabet in order; "ch" is one letter between h and i. Letters not listed
# (other diacritics, digits) fall back to their base letter or their code point.
_ALPHABET = "a b c č d e f g h ch i j k l m n o p q r ř s š t u v w x y z ž".split()
_PRIMARY = {letter: index for index, letter in enumerate(_ALPHABET)}
# Letters whose accent is only a secondary difference (á sorts as a, ď as d …).
_SECONDARY = {"á": "a", "ď": "d", "é": "e", "ě": "e", "í": "i", "ň": "n", "ó": "o", "ť": "t", "ú": "u",
              "ů": "u", "ý": "y"}


def _letters(text: str):
    text = text.casefold()
    i = 0
    while i < len(text):
        if text[i] == "c" and text[i + 1:i + 2] == "h":
            yield "ch"
            i += 2
            continue
        yield text[i]
        i += 1


def czech_sort_key(text: str) -> tuple:
    """A sort key that orders strings as a Czech dictionary does (primary, then accents, then case)."""
    primary, secondary = [], []
    for letter in _letters(text or ""):
        base = _SECONDARY.get(letter, letter)
        if base not in _PRIMARY and len(base) == 1:
            decomposed = unicodedata.normalize("NFD", base)[0]
            base = decomposed if decomposed in _PRIMARY else base
        if base in _PRIMARY:
            primary.append((1, _PRIMARY[base]))
        elif base.isspace() or base in "-,.":
            primary.append((0, 0))
        else:
            primary.append((2, ord(base)))
        secondary.append(0 if letter == base else 1)
    tertiary = [c.isupper() for c in (text or "")]
    return (primary, secondary, tertiary)


def _compare(a: str, b: str) -> int:
    ka, kb = czech_sort_key(a), czech_sort_key(b)
    return (ka > kb) - (ka < kb)


def register_sqlite_collation(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        connection.connection.create_collation(CZECH, _compare)


connection_created.connect(register_sqlite_collation)
