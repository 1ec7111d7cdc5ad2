"""Old and cross-language addresses of translated URL paths, sent to the right page with a permanent redirect.

The portal's paths are translated (`path(pgettext_lazy("URL", "services/"), …)`: /cs/sluzby/, /en/services/).
English pages used to live under the Czech paths (/en/sluzby/), and people type or share an address of one
language under the other's prefix. When a page is not found, the middleware looks the path up in each other
language; if it names a page there, the visitor is sent (301) to the same page under the path of the language
they asked for, with the query string kept. Anything else stays the 404 it was.
"""

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.urls import NoReverseMatch, Resolver404, get_resolver, reverse
from django.utils import translation


def translated_path(path: str, language: str) -> str | None:
    """The address, in `language`, of the page that `path` names under another language's paths (or, for a
    path without a language prefix such as a sitemap's x-default, under any language's); None when it names
    none, or names the page at the same address. With APPEND_SLASH, /en/sluzby is tried as /en/sluzby/ too."""
    codes = [code for code, _name in settings.LANGUAGES]
    prefix, _slash, rest = path.lstrip("/").partition("/")
    if prefix in codes:
        language, tries = prefix, [(code, f"/{code}/{rest}") for code in codes if code != prefix]
    else:
        tries = [(code, f"/{code}{path}") for code in codes]
    if settings.APPEND_SLASH and not path.endswith("/"):
        tries += [(code, candidate + "/") for code, candidate in tries]
    resolver = get_resolver()
    for code, candidate in tries:
        with translation.override(code):
            try:
                match = resolver.resolve(candidate)
            except Resolver404:
                continue
        if not match.view_name or match.view_name.startswith("admin:"):
            continue
        with translation.override(language):
            try:
                target = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:
                continue
        if target != path:
            return target
    return None


class TranslatedPathRedirectMiddleware:
    """A GET/HEAD that ends in 404 is redirected when another language's path names the page (an address
    without a language prefix goes to the visitor's language, as LocaleMiddleware chose it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404 or request.method not in ("GET", "HEAD"):
            return response
        target = translated_path(request.path_info, translation.get_language())
        if target is None:
            return response
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{target}?{query}" if query else target)
