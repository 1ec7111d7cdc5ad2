"""Markdown written by people, rendered on the server and sanitised: no raw HTML ever reaches a page."""

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote", "code", "pre", "a", "h2", "h3",
                "h4", "hr", "table", "thead", "tbody", "tr", "th", "td", "del"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": set()}
MAX_LENGTH = 100_000


def render_markdown(text: str) -> SafeString:
    """Markdown → HTML with only harmless tags; links get rel="nofollow ugc noopener", only http(s)/mailto."""
    html = markdown_lib.markdown((text or "")[:MAX_LENGTH], extensions=["tables", "sane_lists"],
                                 output_format="html")
    # Headings of user text start at h2: the page owns its h1.
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes={"http", "https", "mailto"},
                      link_rel="nofollow ugc noopener", strip_comments=True)
    return mark_safe(clean)  # noqa: S308 (sanitised by nh3 just above)
