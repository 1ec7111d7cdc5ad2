"""What the generic form tests need from a crawl: the pages of every kind, the forms on them, the query
parameters every page takes, and a fingerprint of every stored row to tell what a request changed.

Used by tests/test_hostile_input.py (hostile values into every parameter and field) and
tests/test_double_submit.py (every form that saves something, sent twice, saves once).
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

import pytest
from django.apps import apps
from django.db import connection

from tests.test_crawler import crawl, sitemap_urls, url_name

PROJECT_APPS = ("accounts", "services", "coalitions", "discussions", "offers", "territory", "portal", "families",
                "education")
# The demo logins the generic form tests act as, from the public to the region's coordinator.
ROLES = [
    ("anonymous", None),
    ("verified professional", "overeny@demo.invalid"),
    ("provider staff", "poskytovatel@demo.invalid"),
    ("coalition coordinator", "koalice@demo.invalid"),
    ("moderator", "moderator@demo.invalid"),
    ("OSPOD worker", "ospod@demo.invalid"),
    ("quality methodologist", "metodik@demo.invalid"),
    ("regional coordinator", "koordinator@demo.invalid"),
]
NEVER_POST = {"account_logout", "accounts:delete", "account_email", "account_change_password",
              "account_set_password", "socialaccount_connections"}


@dataclass
class Field:
    name: str
    kind: str  # the input type, "textarea", "select" or "select-multiple"
    value: str = ""
    options: list = field(default_factory=list)
    checked: bool = False
    required: bool = False
    maxlength: int | None = None


@dataclass
class Form:
    page: str
    action: str
    method: str
    fields: list = field(default_factory=list)

    @property
    def action_name(self):
        return url_name(urlsplit(self.action).path)

    @property
    def signature(self):
        return (self.method, self.action_name, tuple(sorted({f.name for f in self.fields})))

    def default_data(self) -> dict:
        """What a browser sends for the form untouched: hidden and prefilled values, checked boxes, the
        selected (or first) option and the first named submit button."""
        data, button = defaultdict(list), None
        for item in self.fields:
            if item.kind in ("checkbox", "radio"):
                if item.checked:
                    data[item.name].append(item.value)
            elif item.kind in ("submit", "button", "image"):
                if button is None and item.kind != "button":
                    button = item
            elif item.kind == "file":
                continue
            elif item.kind.startswith("select"):
                selected = [value for value, is_selected in item.options if is_selected]
                if not selected and item.kind == "select" and item.options:
                    selected = [item.options[0][0]]
                data[item.name].extend(selected)
            else:
                data[item.name].append(item.value)
        if button is not None:
            data[button.name].append(button.value)
        return dict(data)


class FormParser(HTMLParser):
    def __init__(self, page_path):
        super().__init__(convert_charrefs=True)
        self.page_path, self.forms, self.links = page_path, [], []
        self._form, self._textarea, self._select = None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            action = urljoin(self.page_path, attrs.get("action") or self.page_path)
            self._form = Form(self.page_path, action, (attrs.get("method") or "get").lower())
            self.forms.append(self._form)
        elif tag == "a" and attrs.get("href"):
            self.links.append(urljoin(self.page_path, attrs["href"]))
        if self._form is None or not attrs.get("name"):
            if tag == "option" and self._select is not None:
                self._option(attrs)
            return
        required = "required" in attrs
        maxlength = int(attrs["maxlength"]) if (attrs.get("maxlength") or "").isdigit() else None
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            value = attrs.get("value", "on" if kind in ("checkbox", "radio") else "") or ""
            self._form.fields.append(Field(attrs["name"], kind, value, checked="checked" in attrs, required=required,
                                           maxlength=maxlength))
        elif tag == "button" and (attrs.get("type") or "submit") == "submit":
            self._form.fields.append(Field(attrs["name"], "submit", attrs.get("value") or ""))
        elif tag == "textarea":
            self._textarea = Field(attrs["name"], "textarea", required=required, maxlength=maxlength)
            self._form.fields.append(self._textarea)
        elif tag == "select":
            self._select = Field(attrs["name"], "select-multiple" if "multiple" in attrs else "select",
                                 required=required)
            self._form.fields.append(self._select)

    def _option(self, attrs):
        self._select.options.append((attrs.get("value", ""), "selected" in attrs))

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data


@dataclass
class Site:
    """One role's view of the portal: a page of every kind, their forms and the parameters of every path."""

    pages: dict  # path → HTML of one page per (URL pattern, language)
    forms: list
    parameters: dict  # path without query → {name: [values seen]}


def explore(client, language="cs", per_pattern=1, first=()) -> Site:
    """Crawl as `client`; pages in `first` are visited before all others, so they represent their kind."""
    start = [*first, f"/{language}/", *[path for path in sitemap_urls(client) if path.startswith(f"/{language}/")]]
    results, _broken = crawl(client, start, languages=(language,), keep_html=True, per_pattern=per_pattern)
    pages, forms, parameters = {}, [], defaultdict(lambda: defaultdict(list))
    for path, (status, page, _content_type) in results.items():
        if page is None:
            continue
        pages[path] = page.html
        parser = FormParser(path)
        parser.feed(page.html)
        forms.extend(parser.forms)
        for link in [path, *parser.links]:
            target = urlsplit(link)
            if target.netloc in ("", "testserver") and target.query:
                for name, value in parse_qsl(target.query, keep_blank_values=True):
                    parameters[target.path][name].append(value)
        for form in parser.forms:
            if form.method == "get":
                for name, values in form.default_data().items():
                    parameters[urlsplit(form.action).path][name].extend(values or [""])
    return Site(pages, forms, {path: dict(names) for path, names in parameters.items()})


def row_fingerprints() -> dict:
    """(model, pk) → the whole row as JSON text, for every table of the project's apps (history tables
    aside: they only grow)."""
    rows = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            meta = model._meta
            if meta.app_label not in PROJECT_APPS or meta.proxy or not meta.managed:
                continue
            if meta.object_name.startswith("Historical"):
                continue
            pk = meta.pk.column
            cursor.execute(f'SELECT "{pk}", CAST(row_to_json(t) AS text) FROM "{meta.db_table}" t')
            for key, digest in cursor.fetchall():
                rows[(meta.label, key)] = digest
    return rows


def changed_rows(before: dict, after: dict) -> set:
    """Rows that existed before and were changed or deleted since."""
    return {key for key, digest in before.items() if after.get(key) != digest}


@pytest.fixture
def no_rate_limits(monkeypatch, settings):
    """The generic form tests send many forms from one address: switch the rate limits off."""
    settings.ACCOUNT_RATE_LIMITS = False
    for module in ("services.views.detail", "discussions.views.forum", "discussions.offers.views", "portal.views"):
        monkeypatch.setattr(f"{module}.is_rate_limited", lambda *args, **kwargs: False)


def changed_columns(before: str, after: str | None) -> list:
    if after is None:
        return ["(deleted)"]
    old, new = json.loads(before), json.loads(after)
    return sorted(name for name in old if old[name] != new.get(name))


def pages_to_visit_first(user) -> list:
    """For a member: an upcoming meeting of one of their coalitions with registration open (its page has
    the registration buttons; the crawl would otherwise meet a past meeting first)."""
    from coalitions.models import Meeting

    if user is None:
        return []
    meeting = (Meeting.objects.upcoming().filter(registration_open=True, coalition__memberships__person=user)
               .order_by("starts_at").first())
    return [meeting.get_absolute_url()] if meeting else []
