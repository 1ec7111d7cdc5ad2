"""Where to send a person back to after a form: only to a page of this site."""

from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request, candidate: str | None, fallback: str) -> str:
    """`candidate` (a `next` field, a Referer) when it is an address on this site, else `fallback`.

    Anything else (another host, a scheme such as javascript:, a bare word that `redirect()` would take
    for a view name) gives the fallback."""
    candidate = (candidate or "").strip()
    if url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()},
                                       require_https=request.is_secure()) and "/" in candidate:
        return candidate
    return fallback
