"""Hostile input into every GET parameter and every form field of every page found, for every role.

The demo data set is crawled (tests/test_crawler.py, one page of every URL pattern) as an anonymous
visitor, a verified professional, provider staff, a coalition coordinator, a moderator and a regional
coordinator. Into every query parameter any page links to or any GET form offers, and into every field of
every POST form (hidden fields and submit buttons included), the test sends XSS and SQL fragments,
10,000-character strings, NUL bytes, malformed dates and numbers, foreign-site addresses, repeated values
and the ids of another region's, coalition's or person's records — every field at once and then each field
alone. Numeric parts of every path get other objects' ids and out-of-range numbers.

It asserts: no 5xx; no unescaped reflection of the markup in an HTML page; no redirect to another site;
and no stored row changed or deleted that the role may not change (a fingerprint of every row of the
project's tables before and after; a role may change its own rows and the records of its scope). Forms
already attacked under an earlier role are not repeated (same action and fields).
"""

import re
import time
from collections import defaultdict
from urllib.parse import urlencode, urlsplit

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from accounts import roles
from accounts.models import User
from coalitions.models import Coalition, Membership
from discussions.models import Post
from services.models import Provider, ProviderStaff, Service
from territory.models import Obec, home_kraj
from tests.coalitions.factories import CoalitionFactory, MeetingFactory, MembershipFactory
from tests.crawl_forms import (  # noqa: F401 (no_rate_limits is a fixture)
    NEVER_POST,
    PROJECT_APPS,
    ROLES,
    changed_columns,
    changed_rows,
    explore,
    no_rate_limits,
    pages_to_visit_first,
    row_fingerprints,
)
from tests.services.factories import ProviderFactory, make_service
from tests.test_crawler import url_name

pytestmark = pytest.mark.django_db

MARK = "xss-probe"
XSS = f'"><script>alert("{MARK}")</script><img src=x onerror=alert("{MARK}")>'
REFLECTED = (f'<script>alert("{MARK}")', "<img src=x onerror=")
EVIL = "//evil.example/"
# round name → the value every field gets (a callable gets the foreign ids)
ROUNDS = {
    "xss": XSS,
    "sql": "' OR '1'='1'; DROP TABLE services_service; --",
    "long": "ž" * 10_000,
    "nul": "a\x00b",
    "number": "1e309",
    "big-number": "9" * 40,
    "negative": "-1",
    "date": "2026-02-31",
    "odd-date": "31. 2. 20266 25:61",
    "url": EVIL,
    "javascript-url": "javascript:alert(1)",
}
OUT_OF_RANGE = [str(2**63), "0"]
# Bookkeeping the portal updates on records of others as a side effect of a permitted action
# (replying to a thread moves its "last post"): not a change of their data.
BOOKKEEPING = {
    "discussions.Thread": {"last_post_id", "last_post_at", "post_count", "updated_at"},
}


def foreign_records():
    """Records outside every crawling role's scope (the demo set lies in the home region only): another
    region's provider and service with capacity, a members-only coalition there with a meeting, and a
    post of somebody else. Returns their ids as the values the foreign-id rounds send."""
    brno = Obec.objects.get(pk=582786)  # Jihomoravský kraj
    service = make_service(name="Domov Brno", obec=brno, provider=ProviderFactory(obec=brno), free_places=1)
    coalition = CoalitionFactory(name="Koalice Brněnsko", kraj=brno.orp.kraj, visibility="members")
    MembershipFactory(coalition=coalition, role="coordinator")
    meeting = MeetingFactory(coalition=coalition)
    post = Post.objects.exclude(author__email__in=[email for _role, email in ROLES if email]).order_by("pk").first()
    capacity = service.capacities.first()
    ids = {service.pk, service.provider_id, capacity.pk, coalition.pk, meeting.pk, post.pk if post else None}
    return sorted(str(pk) for pk in ids if pk is not None)


# ---------------------------------------------------------------------------------------------- scope


def _rows_pointing_to(anchors: dict, hops: int) -> set:
    """(label, pk) of the anchors and of every row reaching one of them by foreign keys within `hops`."""
    reached = {label: set(pks) for label, pks in anchors.items()}
    frontier = dict(reached)
    for _ in range(hops):
        found = defaultdict(set)
        for model in apps.get_models(include_auto_created=True):
            if model._meta.app_label not in PROJECT_APPS or model._meta.proxy:
                continue
            for field in model._meta.concrete_fields:
                target = field.related_model
                if not field.is_relation or target is None or target._meta.label not in frontier:
                    continue
                if target._meta.label == "accounts.User" and anchors.get("accounts.User") != frontier.get(
                        "accounts.User"):
                    continue  # other people's rows are not reached through a shared record
                pks = model.objects.filter(**{f"{field.name}__in": frontier[target._meta.label]}).values_list(
                    "pk", flat=True)
                found[model._meta.label].update(pks)
        frontier = {label: pks - reached.get(label, set()) for label, pks in found.items()}
        frontier = {label: pks for label, pks in frontier.items() if pks}
        for label, pks in frontier.items():
            reached.setdefault(label, set()).update(pks)
    return {(label, pk) for label, pks in reached.items() for pk in pks}


def rows_the_role_may_change(user) -> tuple[set, set]:
    """(rows, whole tables) the role may change: its own rows (one step from its account) and its scope."""
    if user is None:
        return set(), set()
    rows = _rows_pointing_to({"accounts.User": {user.pk}}, hops=1)
    groups = set(user.groups.values_list("name", flat=True))
    scope, tables = {}, set()
    if roles.REGIONAL_COORDINATOR in groups:
        home = home_kraj()
        scope["services.Service"] = set(Service.objects.in_kraje([home]).values_list("pk", flat=True))
        scope["services.Provider"] = set(Provider.objects.in_kraje([home]).values_list("pk", flat=True))
        scope["coalitions.Coalition"] = set(Coalition.objects.filter(kraj=home).values_list("pk", flat=True))
    if roles.PROVIDER_STAFF in groups:
        providers = set(ProviderStaff.objects.filter(user=user).values_list("provider_id", flat=True))
        scope["services.Provider"] = scope.get("services.Provider", set()) | providers
        scope["services.Service"] = scope.get("services.Service", set()) | set(
            Service.objects.filter(provider__in=providers).values_list("pk", flat=True))
    if roles.OSPOD_WORKER in groups:  # the requests of their offices (tests/families/gates.py)
        from tests.families.gates import ospod_scope

        for label, pks in ospod_scope(user).items():
            scope[label] = scope.get(label, set()) | pks
    from tests.education.gates import hostile_scope  # programmes of their kraj, rounds of a methodologist's kraj

    for label, pks in hostile_scope(user).items():
        scope[label] = scope.get(label, set()) | pks
    coordinated = set(Membership.objects.filter(person=user, role__in=[Membership.Role.COORDINATOR,
                                                                         Membership.Role.CHAIR])
                      .values_list("coalition_id", flat=True))
    if coordinated:
        scope["coalitions.Coalition"] = scope.get("coalitions.Coalition", set()) | coordinated
    if roles.MODERATOR in groups or user.is_superuser:
        tables |= {model._meta.label for model in apps.get_models(include_auto_created=True)
                   if model._meta.app_label in ("discussions", "offers")}
    if scope:
        rows |= _rows_pointing_to(scope, hops=3)  # e.g. post → thread → board → coalition
    return rows, tables


def unpermitted_changes(before, after, allowed_rows, allowed_tables):
    problems = []
    for label, pk in sorted(changed_rows(before, after), key=str):
        if (label, pk) in allowed_rows or label in allowed_tables:
            continue
        if label in BOOKKEEPING and (label, pk) in after:
            continue  # checked column by column below
        problems.append(f"{label} #{pk}: {', '.join(changed_columns(before[(label, pk)], after.get((label, pk))))}")
    return problems


def bookkeeping_fingerprints():
    """Like row_fingerprints() for the BOOKKEEPING tables, without their bookkeeping columns."""
    rows = {}
    for label, ignored in BOOKKEEPING.items():
        model = apps.get_model(label)
        columns = [f.attname for f in model._meta.concrete_fields if f.attname not in ignored]
        for values in model.objects.values_list(*columns):
            rows[(label, values[0])] = hash(values)
    return rows


# ------------------------------------------------------------------------------------------- requests


class Attack:
    def __init__(self, client, role):
        self.client, self.role, self.problems, self.requests = client, role, [], 0

    def check(self, method, path, data, response):
        self.requests += 1
        where = f"[{self.role}] {method} {path} {_short(data)}"
        if response.status_code >= 500:
            self.problems.append(f"{where} → {response.status_code}")
            return
        location = response.get("Location", "")
        if 300 <= response.status_code < 400 and urlsplit(location).netloc not in ("", "testserver"):
            self.problems.append(f"{where} → redirects off the site to {location}")
        content_type = response.get("Content-Type", "")
        if content_type.startswith("text/html") and not response.streaming:
            html = response.content.decode(errors="replace")
            for marker in REFLECTED:
                if marker in html:
                    self.problems.append(f"{where} → unescaped {marker!r} in the page")
            if method == "POST" and response.status_code == 200 and 'class="errorlist' in html:
                self.problems.append(f"{where} → a form with errors answered 200 (invalid forms answer 400)")

    def get(self, path, params):
        query = urlencode(params, doseq=True)
        response = self.client.get(f"{path}?{query}" if query else path)
        self.check("GET", path, params, response)

    def post(self, path, data):
        response = self.client.post(path, data)
        self.check("POST", path, data, response)


def _short(data):
    text = repr({k: (v if len(str(v)) < 40 else f"{str(v)[:30]}…") for k, v in dict(data).items()})
    return text if len(text) < 300 else text[:300] + "…"


def hostile_values(round_name, names, foreign):
    if round_name.startswith("foreign-"):
        index = int(round_name.split("-")[1])
        return {name: foreign[(index + i) % len(foreign)] for i, name in enumerate(names)}
    return {name: ROUNDS[round_name] for name in names}


def rounds(foreign):
    return [*ROUNDS, *(f"foreign-{i}" for i in range(len(foreign)))]


def attack_parameters(attack, path, parameters, foreign):
    base = {name: values[0] for name, values in parameters.items()}
    names = list(parameters)
    for round_name in rounds(foreign):
        attack.get(path, hostile_values(round_name, names, foreign))
    attack.get(path, {name: [ROUNDS["xss"], "1", ""] for name in names})  # a single value given three times
    for name in names:
        attack.get(path, {**base, name: XSS})


def attack_form(attack, form, foreign):
    data = {name: values for name, values in form.default_data().items() if name != "csrfmiddlewaretoken"}
    names = [f.name for f in form.fields if f.name != "csrfmiddlewaretoken" and f.kind not in ("submit", "file")]
    files = [f.name for f in form.fields if f.kind == "file"]
    path = urlsplit(form.action).path + (f"?{urlsplit(form.action).query}" if urlsplit(form.action).query else "")
    for round_name in rounds(foreign):
        attack.post(path, {**data, **hostile_values(round_name, names, foreign)})
    if files:
        attack.post(path, {**data, **{name: SimpleUploadedFile(
            "probe.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            content_type="image/svg+xml") for name in files}})
        attack.post(path, {**data, **{name: SimpleUploadedFile(
            "zprava.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
            for name in files}})
    for name in single_targets(form):
        attack.post(path, {**data, name: XSS})


def single_targets(form):
    """Fields that get the XSS string alone: those that take text (choices and boxes are covered by the
    all-fields rounds), and of a formset only its first form (the others are rendered the same way)."""
    return [f.name for f in form.fields
            if f.name != "csrfmiddlewaretoken" and f.kind not in ("submit", "file", "checkbox", "radio")
            and not f.kind.startswith("select") and not re.search(r"-([1-9]\d*)-", f.name)]


def mutated_paths(path, foreign):
    """The path with each numeric segment replaced by foreign and out-of-range ids."""
    parts = path.split("/")
    for index, part in enumerate(parts):
        number = re.match(r"^(\d+)(-.*)?$", part)
        if number:
            for value in [*foreign[:2], *OUT_OF_RANGE]:
                yield "/".join([*parts[:index], value + (number.group(2) or ""), *parts[index + 1:]])


@pytest.mark.usefixtures("no_rate_limits")
def test_hostile_input_into_every_parameter_and_field_of_every_page():
    call_command("seed_demo", allow_production=True, verbosity=0)
    foreign = foreign_records()
    assert len(foreign) >= 3
    done_parameters, done_forms, problems, covered = set(), set(), [], defaultdict(int)
    for role, email in ROLES:
        started = time.monotonic()
        client = Client(raise_request_exception=False)
        user = User.objects.get(email=email) if email else None
        if user:
            client.force_login(user)
        site = explore(client, first=pages_to_visit_first(user))
        attack = Attack(client, role)
        allowed_rows, allowed_tables = rows_the_role_may_change(user)
        before, before_bookkeeping = row_fingerprints(), bookkeeping_fingerprints()

        for path, parameters in sorted(site.parameters.items()):
            name = url_name(path)
            key = (name, tuple(sorted(parameters)))
            if name is None or key in done_parameters or name in NEVER_POST:
                continue
            done_parameters.add(key)
            attack_parameters(attack, path, parameters, foreign)
            covered["parameters"] += len(parameters)
        for path in sorted(site.pages):
            for mutated in mutated_paths(urlsplit(path).path, foreign):
                attack.get(mutated, {})
        for form in site.forms:
            if form.method != "post" or form.action_name is None or form.action_name in NEVER_POST:
                continue
            if form.signature in done_forms or urlsplit(form.action).path.startswith(("/cs/admin/", "/en/admin/")):
                continue
            done_forms.add(form.signature)
            attack_form(attack, form, foreign)
            covered["forms"] += 1
            covered["fields"] += len(form.fields)

        after = row_fingerprints()
        changes = unpermitted_changes(before, after, allowed_rows, allowed_tables)
        after_bookkeeping = bookkeeping_fingerprints()
        changes += [f"{label} #{pk} changed" for (label, pk), value in before_bookkeeping.items()
                    if after_bookkeeping.get((label, pk), value) != value and (label, pk) not in allowed_rows
                    and label not in allowed_tables]
        problems += attack.problems + [f"[{role}] may not change: {change}" for change in changes]
        covered["requests"] += attack.requests
        covered["changed rows"] += len(changed_rows(before, after))
        print(f"{role}: {time.monotonic() - started:.0f} s, {attack.requests} requests, {len(site.pages)} pages, "
              f"{sum(1 for f in site.forms if f.method == 'post')} POST forms, "
              f"{len(changed_rows(before, after))} rows changed within the role's rights")

    print(dict(covered))
    assert covered["forms"] >= 25 and covered["parameters"] >= 30, covered
    assert problems == [], f"{len(problems)} problem(s):\n" + "\n".join(problems[:80])
