"""The whole portal, crawled: every page reachable from the home page and the sitemap, in both languages,
as an anonymous visitor and as a regional coordinator, on the demo data set.

As an anonymous visitor every page is visited (only the variants of a page by its query string and the
months of the events calendar are sampled); as the coordinator PER_PATTERN pages of each kind. Every page
answers without a 5xx, every internal link works, every HTML page has `lang`, a skip link, exactly one
<h1> and a <title> no other page has. axe-core (WCAG 2.1 A/AA) must find 0 violations in Chromium on one
page of every kind (URL pattern) per language and role, and on a set of pages that together contain every
distinct piece of every page crawled (tests/page_structure.py), so each variant of each section of the site
is audited in a real page. The admin is left out (it has its own tests), so are links that only download
files, which are checked for their status only.
"""

import re
from collections import defaultdict
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import translation

from accounts.models import User
from tests.browser import PHONE, assert_no_axe_violations, assert_no_console_problems, phone_layout_problems
from tests.page_structure import covering_pages, structure_parts

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PER_PATTERN = 2  # pages visited per URL pattern and language: enough to meet every kind of page
SKIP_PREFIXES = ("/cs/admin/", "/en/admin/", "/static/", "/media/")
SKIP_NAMES = {"account_logout"}  # leaving the crawl's own session
ENDLESS = {"coalitions:events-month"}  # patterns with a page for any value: sampled even with every_page


class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self.lang, self.h1, self.title, self.skip_link = [], None, 0, "", False
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "h1":
            self.h1 += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
            if attrs["href"] == "#main" or "skip" in (attrs.get("class") or ""):
                self.skip_link = True
        elif tag == "link" and attrs.get("rel") == "alternate" and attrs.get("href"):
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def url_name(path):
    """The URL pattern's name; paths are translated, so resolve in the path's own language."""
    language = path[1:3] if path[3:4] == "/" else None
    try:
        with translation.override(language if language in ("cs", "en") else None):
            match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def crawl(client, start_urls, languages=("cs", "en"), keep_html=False, every_page=False, per_pattern=PER_PATTERN):
    """Breadth-first over internal links of the given languages; returns ({path: (status, page or None,
    content type)}, [broken links]). `keep_html` keeps each page's HTML as `page.html`.

    `per_pattern` pages of each URL pattern are visited, or with `every_page` every page, except that the
    variants of one page by its query string (filters, sorting, pages of a list, login?next=…) and the
    months of the events calendar (a page for every month in years around now) stay at `per_pattern`."""
    seen, queue, visited, results, broken = set(), list(start_urls), defaultdict(int), {}, []
    referrers = {}
    while queue:
        url = queue.pop(0)
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        if path in seen or parts.netloc not in ("", "testserver") or path.startswith(SKIP_PREFIXES):
            continue
        if path[3:4] == "/" and path[1:3] not in languages:
            continue
        seen.add(path)
        name = url_name(parts.path)
        if name in SKIP_NAMES:
            continue
        key = (name, parts.path[:4], bool(parts.query))
        limited = not every_page or bool(parts.query) or name in ENDLESS
        if name is not None and limited and visited[key] >= per_pattern:
            continue
        visited[key] += 1
        response = client.get(path, follow=True)
        content_type = response.get("Content-Type", "")
        if response.status_code == 404 or response.status_code >= 500:
            broken.append((path, response.status_code, referrers.get(path)))
            continue
        if response.redirect_chain:  # a permalink, a short address or a login redirect: judge the target
            final = urlsplit(response.redirect_chain[-1][0])
            path = final.path + (f"?{final.query}" if final.query else "")
            if path in results:
                continue
            seen.add(path)
        page = None
        if content_type.startswith("text/html") and response.status_code == 200:
            page = Page()
            html = response.content.decode()
            page.feed(html)
            page.html = html if keep_html else None
            page.parts = structure_parts(html)
            for href in page.links:
                if href.startswith(("mailto:", "tel:", "#", "javascript:")):
                    continue
                absolute = urljoin(path, href.split("#")[0])
                if urlsplit(absolute).netloc in ("", "testserver"):
                    target = urlsplit(absolute)
                    target_path = target.path + (f"?{target.query}" if target.query else "")
                    referrers.setdefault(target_path, path)
                    queue.append(target_path)
        results[path] = (response.status_code, page, content_type)
    return results, broken


def sitemap_urls(client):
    xml = client.get("/sitemap.xml").content.decode()
    return [urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", xml)]


def check_crawl(results, broken):
    assert broken == [], "broken internal links (path, status, linked from):\n" + "\n".join(map(str, broken))
    titles = defaultdict(list)
    problems = []
    for path, (status, page, _content_type) in results.items():
        if page is None:
            continue
        if page.lang not in ("cs", "en"):
            problems.append(f"{path}: <html lang={page.lang!r}>")
        if page.h1 != 1:
            problems.append(f"{path}: {page.h1} <h1>")
        if not page.skip_link:
            problems.append(f"{path}: no skip link")
        if "?" not in path:  # pages of one list differ only in their query
            titles[" ".join(page.title.split())].append(path)
    duplicates = {title: paths for title, paths in titles.items() if len(paths) > 1}
    assert problems == [], "\n".join(problems)
    assert duplicates == {}, f"titles shared by several pages: {duplicates}"


@pytest.fixture
def demo_data():
    call_command("seed_demo", allow_production=True, verbosity=0)  # tests run with DEBUG off


def one_page_per_kind(results, languages=("/cs/", "/en/")):
    """The first HTML page of every URL pattern in each of `languages`."""
    chosen = {}
    for path, (_status, page, _content_type) in sorted(results.items()):
        if page is not None and path[:4] in languages:
            chosen.setdefault((url_name(urlsplit(path).path), path[:4]), path)
    return sorted(chosen.values())


def pages_for_axe(results):
    """One page of every kind (URL pattern) in each language, and in each language a set of pages that
    together contain every piece of every page crawled (tests/page_structure.py): axe sees each variant of
    each section (a service with or without free places, ended, with a chart…) at least once."""
    chosen = {path: path for path in one_page_per_kind(results)}
    for language in ("/cs/", "/en/"):
        chosen.update((path, path) for path in covering_pages(
            {path: page.parts for path, (_status, page, _type) in results.items()
             if page is not None and path.startswith(language)}))
    return sorted(set(chosen.values()))


@pytest.mark.parametrize("role, languages", [("anonymous", ("cs",)), ("anonymous", ("en",)),
                                             ("coordinator", ("cs", "en"))],
                         ids=["anonymous-cs", "anonymous-en", "coordinator"])
def test_crawl_every_page_in_both_languages(role, languages, demo_data, live_server, page, axe_source):
    # The public sees every page, one language per test (the two halves run side by side on two workers);
    # the coordinator's crawl meets the same public pages again (with their own header, audited per kind)
    # and adds their own: PER_PATTERN of each kind keeps the run short.
    client = Client()
    if role == "coordinator":
        client.force_login(User.objects.get(email="koordinator@demo.invalid"))
    start = [f"/{language}/" for language in languages]
    start += [path for path in sitemap_urls(client) if path[1:3] in languages]
    results, broken = crawl(client, start, languages=languages, every_page=role == "anonymous")
    assert len(results) > (1000 if role == "anonymous" else 150), f"the crawl found only {len(results)} pages"
    check_crawl(results, broken)

    if role == "coordinator":
        page.goto(f"{live_server.url}/cs/ucet/login/")
        page.locator("#id_login").fill("koordinator@demo.invalid")
        page.locator("#id_password").fill("demo-heslo-2026")
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_url(re.compile(r"/cs/ucet/profil/$"))
    audited = pages_for_axe(results)
    print(f"{role}: {len(results)} pages crawled, {len(audited)} audited with axe")
    for path in audited:
        page.goto(f"{live_server.url}{path}")
        assert_no_axe_violations(page, axe_source)
        assert_no_console_problems(page)

    # Every kind of page on a phone: no sideways scrolling of the page, the heading in the first screen, and
    # axe again (the collapsed menu, the filter disclosure, tables turned into lists are other markup states).
    page.set_viewport_size(PHONE)
    phone_pages = one_page_per_kind(results, languages=tuple(f"/{language}/" for language in languages)
                                    if role == "anonymous" else ("/cs/",))
    problems = []
    for path in phone_pages:
        page.goto(f"{live_server.url}{path}")
        problems += [f"{path}: {problem}" for problem in phone_layout_problems(page)]
        assert_no_axe_violations(page, axe_source)
    print(f"{role}: {len(phone_pages)} kinds of page checked at {PHONE['width']} px")
    assert problems == [], "pages that do not fit a phone:\n" + "\n".join(problems)
