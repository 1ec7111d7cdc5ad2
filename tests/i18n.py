"""The English address of a page whose Czech address a test has (`reverse()` runs in Czech by default)."""

from urllib.parse import urlsplit, urlunsplit

from django.urls import resolve, reverse
from django.utils import translation


def english(url: str) -> str:
    """/cs/sluzby/12-domov/?q=x → /en/services/12-domov/?q=x (the same page under the English path)."""
    parts = urlsplit(url)
    if parts.path.startswith("/en/"):
        return url  # reverse() ran in English already (a request for an /en/ page leaves English active)
    with translation.override("cs"):
        match = resolve(parts.path)
    with translation.override("en"):
        path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
    return urlunsplit(parts._replace(path=path))


def localized(czech_url: str, language: str) -> str:
    """A Czech address (/cs/…) in `language`: the same address for "cs", english() of it for "en"."""
    return czech_url if language == "cs" else english(czech_url)
