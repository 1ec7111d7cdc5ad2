"""Fixtures and checks of the end-to-end tests in Debian's Chromium (Playwright, sync API) against pytest-django's live server.

Every page visited is checked with axe-core (WCAG 2.0/2.1 A and AA rules; the copy vendored by
scripts/vendor.sh), for exactly one h1, for a visible focus indicator on everything reachable by
keyboard, for Content Security Policy and script errors in the console and for stylesheets, images
or scripts that fail to load. axe is injected with
page.evaluate(): the portal's CSP (no unsafe-inline) would refuse a <script> tag added to the page.

Fixtures (`axe_source`, `browser`, `page`) are registered for the whole suite by tests/conftest.py
(`pytest_plugins`); test modules import the helpers they use from here.
"""

import os

# Playwright's sync API runs an event loop in this thread; the ORM calls of the test (factories,
# assertions, the database flush of transactional tests) must still be allowed.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import re  # noqa: E402
from pathlib import Path  # noqa: E402
from urllib.parse import urlsplit  # noqa: E402

import pytest  # noqa: E402
from django.conf import settings as django_settings  # noqa: E402


import playwright.sync_api as playwright_sync_api  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
AXE_PATH = Path(django_settings.BASE_DIR) / "static" / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
NEW_PASSWORD = "modry-slon-tancuje-v-desti"
BLANK_TILE = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                           "1f15c4890000000d49444154789c6360000002000100e221bc330000000049454e44ae426082")



@pytest.fixture(scope="module")
def axe_source():
    if not AXE_PATH.exists():
        pytest.fail(f"{AXE_PATH} is missing: run scripts/vendor.sh")
    return AXE_PATH.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    with playwright_sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, settings):
    # allauth's rate limits (e.g. one confirmation mail per address in 3 minutes) would trip over tests.
    settings.ACCOUNT_RATE_LIMITS = False
    # The live server serves /static/ through the staticfiles finders, which know only the source
    # names, not the hashed names of the manifest storage: without this the pages would load no CSS
    # and axe would judge colour contrast and focus styles of unstyled pages.
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    context = browser.new_context(locale="cs-CZ", viewport={"width": 1280, "height": 900})
    # Nothing leaves the machine: map tiles (the only third-party requests, allowed by the CSP) get a blank
    # tile, so a page's "load" never waits for a network the test does not control.
    context.route(re.compile(r"^https?://(?!localhost[:/]|127\.0\.0\.1[:/])"),
                  lambda route: route.fulfill(status=200, content_type="image/png", body=BLANK_TILE))
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.problems = []
    page.on("console", lambda message: _record_csp_error(page, message.text))
    page.on("pageerror", lambda error: page.problems.append(f"{page.url}: script error: {error}"))
    page.on("response", lambda response: _record_failed_resource(page, response))
    yield page
    context.close()


def _record_csp_error(page, text):
    if "Content Security Policy" in text:
        page.problems.append(f"{page.url}: {text}")


def _record_failed_resource(page, response):
    # Stylesheets, images and scripts must load; a page itself may be a deliberate 404.
    if response.status >= 400 and response.request.resource_type != "document":
        page.problems.append(f"{page.url}: {response.status} for {response.url}")


def assert_no_console_problems(page):
    assert page.problems == [], "CSP errors, script errors or failed resources:\n" + "\n".join(page.problems)


def assert_portal_css_applied(page):
    background = page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor")
    assert background == "rgb(35, 98, 162)", f"portal.css is not applied on {page.url}"


def assert_no_axe_violations(page, axe_source):
    """Run axe-core on the current page; fail listing every violation with the offending nodes."""
    page.evaluate(axe_source)
    violations = page.evaluate(
        """async (tags) => {
            const results = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return results.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => `${n.target.join(' ')} — ${n.failureSummary}`),
            }));
        }""",
        WCAG_TAGS,
    )
    report = "\n".join(
        f"[{v['impact']}] {v['id']}: {v['help']}\n" + "\n".join(f"    {node}" for node in v["nodes"])
        for v in violations
    )
    assert violations == [], f"axe found {len(violations)} violation(s) on {page.url}:\n{report}"


PHONE = {"width": 375, "height": 800}


def phone_layout_problems(page) -> list[str]:
    """What keeps the page from working on a 375 px phone: a document wider than the screen (a wide table must
    scroll inside its own .table-wrap box, a map inside .map) or a main heading below the first screen."""
    problems = []
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE["width"] + 1:
        culprits = page.evaluate("""(w) => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > w + 1 && !e.closest('.table-wrap, .map'))
            .slice(0, 4).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : ''))""", PHONE["width"])
        problems.append(f"{width}px wide ({', '.join(culprits)})")
    top = page.evaluate("(() => { const h = document.querySelector('h1'); return h ? h.getBoundingClientRect().top : 0 })()")
    if top > PHONE["height"]:
        problems.append(f"the <h1> starts {round(top)}px down, below the first screen")
    return problems


def assert_focus_is_visible(page, max_steps=80):
    """Tab through the page: every element that receives keyboard focus shows an outline or ring."""
    reached, invisible = [], []
    for _ in range(max_steps):
        page.keyboard.press("Tab")
        info = page.evaluate(
            """() => {
                const el = document.activeElement;
                if (!el || el === document.body) return null;
                if (el.dataset.tabVisited) return {repeat: true};
                el.dataset.tabVisited = '1';
                const style = getComputedStyle(el);
                const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
                const ring = style.boxShadow && style.boxShadow !== 'none';
                const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
                    (el.getAttribute('href') ? `[href="${el.getAttribute('href')}"]` : '') +
                    (el.name ? `[name="${el.name}"]` : '') + ' ' + (el.textContent || '').trim().slice(0, 40);
                return {name, visible: outline || ring};
            }"""
        )
        if info is None or info.get("repeat"):
            break  # focus left the page or wrapped around
        reached.append(info["name"])
        if not info["visible"]:
            invisible.append(info["name"])
    assert reached, f"nothing on {page.url} can be reached with the Tab key"
    assert invisible == [], f"no visible focus indicator on {page.url}: {invisible}"


def check_page(page, axe_source, *, h1=None):
    """The checks every visited page must pass."""
    page.wait_for_load_state()  # a click starts the navigation; the stylesheets may still be loading
    headings = page.locator("h1")
    assert headings.count() == 1, f"{page.url} has {headings.count()} h1 elements"
    if h1 is not None:
        assert re.search(h1, headings.inner_text()), f"h1 {headings.inner_text()!r} does not match {h1!r}"
    assert_portal_css_applied(page)
    assert_no_axe_violations(page, axe_source)
    assert_focus_is_visible(page)
    assert_no_console_problems(page)


def path_of(url):
    return urlsplit(url).path


def link_in_mail(mail, pattern, live_server):
    """The link of an allauth mail, rebuilt on the live server (the mail may name another host)."""
    match = re.search(rf"https?://\S+?{pattern}\S*", mail.body)
    assert match, f"no link matching {pattern} in:\n{mail.body}"
    link = urlsplit(match.group(0))
    return f"{live_server.url}{link.path}"


def submit(page):
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def log_in(page, live_server, email, password):
    page.goto(f"{live_server.url}/cs/ucet/login/")
    page.locator("#id_login").fill(email)
    page.locator("#id_password").fill(password)
    submit(page)
    page.wait_for_url(re.compile(r"/cs/ucet/profil/$"))
