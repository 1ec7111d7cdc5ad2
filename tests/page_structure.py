"""The structure of an HTML page as far as accessibility checks can see it, as signatures of its parts.

axe-core judges elements, their attributes, the relations between them, whether they hold text, and the
styles the classes give them. Two pages of one kind (two service details) that differ only in their text and
in how many times a repeated piece occurs (ten rows of a table instead of three) get the same verdict, so
the crawler runs axe on a set of pages that together hold every distinct part (`covering_pages`) instead of
on every page, and every page is still covered.

A signature keeps, for every element: the tag, the names of its attributes, the values of the attributes
that change what a check sees (class, role, type, scope, lang, dir, tabindex, aria-* states, whether alt,
title, aria-label and href are empty), and whether it holds text of its own. Children with the same
structure as an earlier sibling count once (rows of a table, points of a chart, posts of a thread); the
order of headings, which this loses, is a best-practice rule of axe, not one of the WCAG rules we run.
"""

import hashlib
from html.parser import HTMLParser

VALUE_ATTRIBUTES = {"class", "role", "type", "scope", "lang", "dir", "tabindex", "aria-hidden", "aria-expanded",
                    "aria-current", "aria-live", "aria-invalid", "aria-required", "aria-level", "disabled",
                    "required", "multiple", "controls", "open", "hidden", "method", "rel", "target"}
EMPTINESS_ATTRIBUTES = {"alt", "title", "aria-label", "href", "for", "aria-labelledby", "aria-describedby",
                        "value", "placeholder", "id", "name", "src", "action"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Node:
    __slots__ = ("_signature", "children", "text", "token")

    def __init__(self, token):
        self.token, self.children, self.text, self._signature = token, [], False, None

    def signature(self) -> str:
        """Computed once: a section's signature is made of its pieces', which are parts themselves."""
        if self._signature is None:
            self._signature = self._compute_signature()
        return self._signature

    def _compute_signature(self) -> str:
        body = "".join(dict.fromkeys(child.signature() for child in self.children))  # repeats count once
        return hashlib.blake2b(f"{self.token}|{self.text}|{body}".encode(), digest_size=8).hexdigest()


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Node("#document")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        token = [tag]
        for name, value in sorted(attrs):
            if name in VALUE_ATTRIBUTES or name.startswith("aria-") and name not in EMPTINESS_ATTRIBUTES:
                token.append(f"{name}={value}")
            elif name in EMPTINESS_ATTRIBUTES:
                token.append(f"{name}{'' if (value or '').strip() else '=∅'}")
            else:
                token.append(name)
        node = _Node(" ".join(token))
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].token.split(" ", 1)[0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data):
        if data.strip():
            self.stack[-1].text = True


def _find(node, tag):
    if node.token.split(" ", 1)[0] == tag:
        return node
    for child in node.children:
        found = _find(child, tag)
        if found is not None:
            return found
    return None


def structure_parts(html: str) -> set[str]:
    """The pieces a page is made of: the signature of every element outside <main> that is a child of
    <body> (header, navigation, footer), of every section of <main> and of every piece of those sections,
    and the page's outline (the tags of main's sections in order). A set of pages whose parts together
    include every part of every page shows axe every piece of the site in a real page around it."""
    builder = _Builder()
    builder.feed(html)
    builder.close()
    body = _find(builder.root, "body") or builder.root
    main = _find(body, "main")
    parts = {"chrome:" + child.signature() for child in body.children if child is not main}
    if main is None:
        return parts | {"page:" + builder.root.signature()}
    parts.add("outline:" + " ".join(child.token.split(" ", 1)[0] for child in main.children))
    for section in main.children:
        parts.add("section:" + section.signature())
        parts.update("piece:" + piece.signature() for piece in section.children)
    return parts


def covering_pages(pages: dict) -> list:
    """Pages (path → their structure_parts()) that together hold every part of all of them: greedily the
    page adding the most parts not yet covered, until nothing is left."""
    parts = dict(pages)
    covered, chosen = set(), []
    while True:
        path, new = max(((path, len(p - covered)) for path, p in parts.items()), key=lambda item: (item[1], item[0]),
                        default=(None, 0))
        if not new:
            return sorted(chosen)
        chosen.append(path)
        covered |= parts.pop(path)
