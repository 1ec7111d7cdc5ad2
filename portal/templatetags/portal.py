"""The page shell's tags: the main navigation and the header tools, drawn once.

The navigation depends only on the language and on which section the page is in, so each variant is drawn
once per process and kept (not while DEBUG is on, so template edits show at once); the header tools depend on
the person and the page, so they are drawn once per request and used for both copies of the header (the
desktop bar and the phone menu)."""

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

register = template.Library()

# The main navigation: (URL name, label), in the order shown.
MAIN_NAVIGATION = (
    ("services:index", _("Services")),
    ("guide:index", _("Life situations")),
    ("services:capacity", _("Capacities")),
    ("network:index", _("Network of services")),
    ("coalitions:index", _("Coalitions")),
    ("coalitions:events", _("Events")),
    ("education:index", _("Education")),
    ("discussions:index", _("Discussions")),
    ("planning:index", _("Planning")),
)

_drawn_navigation: dict = {}  # (language, urlconf, script prefix, index of the current item) → HTML
_navigation_urls: dict = {}  # (language, urlconf, script prefix) → the items' addresses


def is_current(path: str, url: str) -> bool:
    """The page at `path` lies in the section whose start is `url` (a section's own page or below it; the home
    page and other one-segment addresses only when they are the page itself)."""
    return path == url or (path.startswith(url) and url.count("/") > 2)


@register.simple_tag(takes_context=True)
def main_nav(context):
    """The main navigation (templates/_site_nav.html), its current section marked `aria-current="page"`."""
    request = context.get("request")
    html = getattr(request, "_portal_main_nav", None)
    if html is not None:
        return html
    where = (get_language(), get_urlconf(), get_script_prefix())
    urls = _navigation_urls.get(where)
    if urls is None:
        urls = [reverse(name) for name, _label in MAIN_NAVIGATION]
        if not settings.DEBUG:
            _navigation_urls[where] = urls
    path = request.path if request is not None else ""
    current = next((index for index, url in enumerate(urls) if is_current(path, url)), None)
    html = _drawn_navigation.get((*where, current))
    if html is None:
        items = [{"url": url, "label": label, "current": index == current}
                 for index, (url, (_name, label)) in enumerate(zip(urls, MAIN_NAVIGATION, strict=True))]
        html = mark_safe(context.template.engine.get_template("_site_nav.html").render(
            template.Context({"items": items}, autoescape=context.autoescape)))
        if not settings.DEBUG:
            _drawn_navigation[(*where, current)] = html
    if request is not None:
        request._portal_main_nav = html
    return html


@register.simple_tag(takes_context=True)
def site_tools(context):
    """The header's language switch and account links (templates/_site_tools.html), drawn once per request."""
    request = context.get("request")
    html = getattr(request, "_portal_site_tools", None)
    if html is None:
        html = mark_safe(context.template.engine.get_template("_site_tools.html").render(context))
        if request is not None:
            request._portal_site_tools = html
    return html
