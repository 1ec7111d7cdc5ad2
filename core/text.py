"""Text normalisation shared by every search of the portal: the registry, the forum, the admin."""

import re
import unicodedata

# Longer queries are cut before they are split into words (a pasted page is not a search).
MAX_QUERY_LENGTH = 200


def normalize_search_text(text: str) -> str:
    """Lower case without diacritics ("Azylový dům" → "azylovy dum"), the same on PostgreSQL and SQLite."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().split())


def search_tokens(text: str) -> list[str]:
    """The words of a query, normalised as stored search texts are ("Azylový dům," → ["azylovy", "dum"])."""
    return list(dict.fromkeys(re.findall(r"\w+", normalize_search_text(text[:MAX_QUERY_LENGTH]))))
