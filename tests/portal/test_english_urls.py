"""English pages live under English paths (/en/services/), Czech ones under Czech paths (/cs/sluzby/); the old
English addresses under Czech paths (/en/sluzby/…) and paths of one language under the other's prefix are sent
to the same page with a permanent redirect, the query string kept."""

import re

import pytest
from django.urls import LocalePrefixPattern, URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from tests.i18n import english
from tests.services.factories import ServiceFactory

# Paths that read the same in both languages on purpose.
SAME_IN_BOTH = {"portal:home", "territory:index", "territory:orp", "territory:orp-short"}


def named_patterns(resolver=None, namespace=""):
    """(view name, pattern) of every named page of the portal under the language prefix."""
    top = resolver is None
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if top and not isinstance(entry.pattern, LocalePrefixPattern):
            continue  # /healthz, /robots.txt, /sitemap.xml, the API: no language
        if isinstance(entry, URLResolver):
            if entry.namespace in ("admin", "hsds"):
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


def test_the_portal_pages_have_english_paths():
    """Every page of the portal, new apps included, reverses to a different path in English than in Czech."""
    allauth = {"account_", "socialaccount_"}
    untranslated = []
    for name, pattern in named_patterns():
        if name in SAME_IN_BOTH or any(name.startswith(prefix) for prefix in allauth):
            continue
        route = str(pattern.pattern)
        with translation.override("cs"):
            czech = str(pattern.pattern)
        with translation.override("en"):
            english_route = str(pattern.pattern)
        if czech == english_route and re.search(r"[a-z]{3,}", re.sub(r"<[^>]+>", "", route)):
            untranslated.append(f"{name}: {route}")
    assert not untranslated, "paths without an English translation (pgettext_lazy('URL', …)):\n" + "\n".join(
        untranslated)


@pytest.mark.django_db
def test_english_and_czech_addresses_of_the_main_pages(client):
    with translation.override("en"):
        assert reverse("services:index") == "/en/services/"
        assert reverse("services:capacity") == "/en/capacities/"
        assert reverse("discussions:index") == "/en/forum/"
        assert reverse("account_login") == "/en/account/login/"
    with translation.override("cs"):
        assert reverse("services:index") == "/cs/sluzby/"
        assert reverse("coalitions:events") == "/cs/akce/"
    page = client.get("/en/services/")
    assert page.status_code == 200 and page.headers["Content-Language"] == "en"
    assert client.get("/cs/sluzby/").status_code == 200


@pytest.mark.django_db
def test_old_english_addresses_under_czech_paths_redirect_permanently(client):
    service = ServiceFactory()
    old = "/en/" + service.get_absolute_url().removeprefix("/cs/") + "?tab=capacity"  # /en/sluzby/12-…/
    response = client.get(old)
    assert response.status_code == 301
    assert response.headers["Location"] == english(service.get_absolute_url()) + "?tab=capacity"
    assert client.get(response.headers["Location"]).status_code == 200
    # Without the trailing slash: CommonMiddleware adds it, then the path is translated.
    assert client.get("/en/sluzby", follow=True).redirect_chain[-1] == ("/en/services/", 301)
    # The sitemap's x-default (no language prefix) goes to the visitor's language.
    czech = service.get_absolute_url().removeprefix("/en").removeprefix("/cs")
    assert client.get(czech, HTTP_ACCEPT_LANGUAGE="en").headers["Location"].startswith("/en/services/")
    # An English path under the Czech prefix goes to the Czech path.
    assert client.get("/cs/services/").headers["Location"] == "/cs/sluzby/"


@pytest.mark.django_db
def test_not_found_stays_not_found(client):
    assert client.get("/en/sluzby/999999/nic/").status_code == 404
    assert client.get("/en/services/999999/").status_code == 404  # a missing service: no loop, no redirect
    assert client.post("/en/sluzby/").status_code == 404  # only GET and HEAD are redirected


@pytest.mark.django_db
def test_language_switch_links_to_the_translated_path(client):
    html = client.get("/cs/sluzby/").content.decode()
    assert 'href="/en/services/"' in html
    html = client.get("/en/capacities/").content.decode()
    assert 'href="/cs/kapacity/"' in html


@pytest.mark.django_db
def test_sitemap_pairs_translated_paths_with_hreflang(client):
    service = ServiceFactory()
    xml = client.get("/sitemap.xml").content.decode()
    site = "http://testserver"
    czech, english_path = service.get_absolute_url(), english(service.get_absolute_url())
    assert f"<loc>{site}{english_path}</loc>" in xml
    block = xml.split(f"<loc>{site}{english_path}</loc>")[1].split("</url>")[0]
    assert f'hreflang="cs" href="{site}{czech}"' in block
    assert f'hreflang="en" href="{site}{english_path}"' in block


@pytest.mark.django_db
def test_robots_keeps_crawlers_out_of_the_account_pages_in_both_languages(client):
    text = client.get("/robots.txt").content.decode()
    assert "Disallow: /cs/ucet/" in text and "Disallow: /en/account/" in text
