"""User markdown is rendered harmlessly, whatever is thrown at it."""

import re
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from core.markdown import render_markdown

HOSTILE = [
    "<script>alert(1)</script>", "[x](javascript:alert(1))", '<img src=x onerror="alert(1)">',
    "<a href='javascript:alert(1)' onclick='x()'>a</a>", "<iframe src='//evil'></iframe>",
    "![img](https://evil.example/x.png)", "<svg onload=alert(1)>", "[x](JaVaScRiPt:alert(1))",
    "<div style='background:url(javascript:alert(1))'>x</div>", "\u202eevil\u200b", "*" * 5000,
]


class Elements(HTMLParser):
    """Collects the real elements and attributes of rendered HTML (escaped text does not count)."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


def assert_harmless(html: str) -> None:
    parser = Elements()
    parser.feed(html)
    for tag, attrs in parser.found:
        assert tag not in {"script", "img", "iframe", "svg", "style", "object", "embed"}, html
        for name, value in attrs:
            assert not name.startswith("on") and name != "style", html
            assert not re.match(r"\s*(javascript|data|vbscript):", value or "", re.I), html


def test_markdown_renders_basic_formatting():
    html = render_markdown("# Nadpis\n\n**tučně** a [odkaz](https://example.cz)\n\n- jedna\n- dvě")
    assert "<h2>Nadpis</h2>" in html and "<strong>tučně</strong>" in html and "<li>jedna</li>" in html
    assert 'rel="nofollow ugc noopener"' in html


def test_hostile_inputs_are_neutralised():
    for text in HOSTILE:
        assert_harmless(render_markdown(text))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(HOSTILE + ["<", ">", "[", "](", ")", "`", "\n", "on", "error=", "javascript",
                                           ":", "'", '"', " ", "a", "href=", "<a ", "script", "/"]), max_size=40)
       .map("".join))
def test_no_script_handler_or_javascript_url_ever_comes_out(text):
    assert_harmless(render_markdown(text))
