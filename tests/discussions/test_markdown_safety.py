"""Hostile input through the one markdown renderer of users' text (core.markdown.render_markdown):
no script, no event-handler attribute, no javascript: URL ever comes out, whatever goes in."""

import re
from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.markdown import render_markdown

FRAGMENTS = [
    "<script>alert(1)</script>", "<SCRIPT SRC=//x.cz/a.js>", "<img src=x onerror=alert(1)>",
    "<a href=\"javascript:alert(1)\">x</a>", "[klik](javascript:alert(1))", "[klik](JaVaScRiPt:alert(1))",
    "[k](java\tscript:alert(1))", "[k](&#106;avascript:alert(1))", "<svg onload=alert(1)>", "<iframe src=x>",
    "![obr](https://evil.example/x.png)", "<div style=\"x\" onclick=\"y\">", "`<script>`",
    "```\n<script>\n```",
    "> citace <b onmouseover=x>", "<<script>script>", "[x](vbscript:msgbox)", "[x](data:text/html,<script>)",
    "\u202eevil\u202c", "\u200b", "**", "_", "[", "](", "<", ">", "\"", "'", "=", " ", "\n", "\n\n",
    "# ", "- ",
    "1. ", "|a|b|\n|-|-|\n|c|d|", "<a href='x' onfocus='y' autofocus>", "<math><mi xlink:href=javascript:x>",
    "<form action=javascript:x><button>", "<style>*{}</style>", "<!-- <script> -->",
    "<meta http-equiv=refresh>",
]

FORBIDDEN_TAGS = {"script", "img", "iframe", "svg", "math", "style", "form", "object", "embed", "meta"}


class _Collector(HTMLParser):
    """Every tag and attribute the browser would see in the output."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    handle_startendtag = handle_starttag


def _url_scheme(value: str) -> str:
    """The scheme a browser would read (WHATWG URL: leading/trailing controls and spaces are stripped, tabs
    and newlines removed anywhere; anything else not a scheme character makes it a relative URL)."""
    squeezed = "".join(ch for ch in value.strip("".join(map(chr, range(33)))) if ch not in "\t\n\r").lower()
    match = re.match(r"([a-z][a-z0-9+.-]*):", squeezed)
    return match[1] if match else ""


def assert_harmless(html: str) -> None:
    assert "<script" not in html.lower()  # text "<script" is always escaped to "&lt;script"
    collector = _Collector()
    collector.feed(html)
    for tag, attrs in collector.tags:
        assert tag not in FORBIDDEN_TAGS
        for name, value in attrs:
            assert not name.lower().startswith("on"), (tag, name)
            assert name.lower() != "style"
            if name.lower() in {"href", "src", "action", "formaction", "xlink:href"}:
                assert _url_scheme(value or "") in {"", "http", "https", "mailto"}, value


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=20)), max_size=12))
def test_no_script_event_handler_or_javascript_url_ever_comes_out(parts):
    assert_harmless(render_markdown("".join(parts)))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_is_rendered_harmlessly(text):
    assert_harmless(render_markdown(text))


def test_links_get_nofollow_ugc():
    html = render_markdown("[registr](https://www.mpsv.cz/registr)")
    assert 'rel="nofollow ugc noopener"' in html


def test_images_from_other_sites_never_appear():
    assert "<img" not in render_markdown("![x](https://evil.example/track.png)")
