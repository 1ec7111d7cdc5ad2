"""Hostile input into the admin's own doors: every changelist and every import-export export of every registered
admin, signed in as the home kraj's coordinator, with crafted values in every parameter its
filter links use, the date drill-down, ordering, paging and search. None may answer 5xx; a malformed value gets
the list's "?e=1" page (an export of a malformed filter too).

Generated from `admin.site._registry`, so a new admin is covered without being named here.
"""

from urllib.parse import parse_qsl, urlsplit

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from tests.crawl_forms import FormParser
from tests.test_admin_matrix import build

pytestmark = pytest.mark.django_db

HOSTILE = ["99999999999999999999999", "-1", "2", "abc", "<script>alert(1)</script>' OR 1=1 --", "x" * 3000,
           "2026-13-45"]
# Parameters every changelist takes, with values that must not crash it.
ALWAYS = {"o": ["99", "1.2.abc"], "p": ["-1", "99999999999999999999"], "q": ["' OR 1=1 --", "x" * 3000],
          "_changelist_filters": ["a=b"], "_to_field": ["password"]}


def _filter_parameters(html: str, path: str) -> set:
    """Names of the query parameters the changelist's own links use (list filters, drill-down, ordering)."""
    parser = FormParser(path)
    parser.feed(html)
    names = set()
    for link in parser.links:
        parts = urlsplit(link)
        if parts.path == path and parts.query:
            names.update(name for name, _value in parse_qsl(parts.query, keep_blank_values=True))
    return names


def _date_parameters(model_admin) -> set:
    field = model_admin.date_hierarchy
    return {f"{field}__year", f"{field}__month", f"{field}__day"} if field else set()


def test_crafted_parameters_never_crash_an_admin_list_or_export(client, coordinator):
    client.force_login(coordinator)
    built = {}
    for model in admin.site._registry:
        build(model, built)
    problems, requests = [], 0
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        changelist = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        page = client.get(changelist)
        if page.status_code == 403:
            continue  # the person has no business with this model; the authorisation matrix covers that
        assert page.status_code == 200, changelist
        names = _filter_parameters(page.content.decode(), changelist) | _date_parameters(model_admin)
        try:
            export = reverse(f"admin:{meta.app_label}_{meta.model_name}_export")
        except NoReverseMatch:
            export = None
        # Every parameter gets the out-of-range number and one other kind of value in turn (the crashes found
        # so far were by kind: overflow, bad type, bad lookup; not by the exact value).
        attacks = [{name: value} for n, name in enumerate(sorted(names))
                   for value in (HOSTILE[0], HOSTILE[1 + n % (len(HOSTILE) - 1)])]
        attacks += [{name: value} for name, values in ALWAYS.items() for value in values]
        if model_admin.date_hierarchy:  # a whole drill-down out of range at once
            field = model_admin.date_hierarchy
            attacks.append({f"{field}__year": "99999999999999999999999", f"{field}__month": "99",
                            f"{field}__day": "99"})
            attacks.append({f"{field}__year": "9999", f"{field}__month": "12", f"{field}__day": "31"})
        for params in attacks:
            for url in filter(None, (changelist, export)):
                response = client.get(url, params)
                requests += 1
                if response.status_code >= 500:
                    problems.append(f"{url} {params!r:.120} → {response.status_code}")
    assert requests > 200
    assert not problems, "\n".join(problems)


def test_a_malformed_export_filter_answers_like_the_list(client, coordinator):
    """The reported crash: the export view with a bad filter value gave 500 where the list gave its ?e=1 page."""
    client.force_login(coordinator)
    url = reverse("admin:services_capacityreport_export")
    response = client.get(url, {"verified_at__isempty": "2"})
    assert response.status_code == 302 and response.url.endswith("/services/capacityreport/?e=1")
    response = client.get(reverse("admin:coalitions_meeting_changelist"),
                          {"starts_at__year": "99999999999999999999999"})
    assert response.status_code == 302 and response.url.endswith("?e=1")
