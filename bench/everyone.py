"""Speed for everyone (#17): the registry and forum pages cached for anonymous visitors and uncached for a
signed-in coordinator, beside the bare hello view and django-spirit, in one run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench python bench/everyone.py [--seconds 10]

One gunicorn serves the portal and the bare Django "hello" view (bench/_wsgi.py, no middleware) with the
production settings (DEBUG off, persistent connections, Redis cache under a key prefix of this run, so the
page cache starts cold). Every page is measured twice: as an anonymous visitor (after the warm-up the page
cache answers) and signed in as the demo kraj coordinator (never cached: the page is rendered, its facet
counts computed). Then Spirit's thread and category pages of the same size (bench/forum.py sets it up).

Printed: requests per second under `--threads` connections, the ratio to the hello of the same run (measured
again right before each page, so that the drifting load of a shared machine touches both alike), p50,
p95 and p99; the median of one request at a time (what one person waits on a quiet machine); the portal's
uncached thread and category against Spirit's; and the cold start: each page's first request right after
gunicorn started and right after a registry import (every worker's facet index stale), and the slowest of
`--threads` simultaneous new searches after an import.

The portal's settings put core.middleware.PageCacheMiddleware right after WhiteNoise, so cache hits are answered
before the session, authentication and CSRF middleware; `--without-early-page-cache` runs without it
(bench/_settings_early.py) to show what it changes.

Goals: uncached pages ≥ 0.10 of the hello, thread page ≥ 5× Spirit's, cached pages ≥ 0.45, p99 ≤ 5× p50,
one request p50 ≤ 25 ms, no cold-start request over 1 s.
"""

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from _server import ROOT, fetch, gunicorn, parse_options, prepare_database, production_env, report, single

PAGES = """
import json
from django.test import Client
from django.urls import reverse
from django.utils import translation
from accounts.models import User
from discussions.models import Category
from services.models import Service, ServiceType
with translation.override("cs"):
    search = reverse("services:index")
    services = Service.objects.active().order_by("pk")
    category = Category.objects.get(slug="benchmark")
    thread = category.threads.order_by("pk").first()
    pages = {
        "search, no filter": search,
        "search, 3 facets": search + "?type=%s&form=pob&kraj=3026" % ServiceType.objects.get(
            code="DruhSocialniSluzby/13").pk,
        "search, full text": search + "?q=domov+pro+seniory",
        "service detail": services[services.count() // 2].get_absolute_url(),
        "capacity overview, kraj": reverse("services:capacity") + "?kraj=3026",
        "forum category (50 threads)": category.get_absolute_url(),
        "thread, page 1 (25 posts)": thread.get_absolute_url(),
    }
    floor = reverse("portal:privacy")
client = Client()
client.force_login(User.objects.get(email="koordinator@demo.invalid"))
print(json.dumps({"pages": pages, "floor": floor, "session": client.cookies["sessionid"].value}))
"""


def shell(env, code: str) -> str:
    return subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True).stdout


def cold_start(base: str, env, pages: dict, headers: dict) -> dict:
    """Bump the registry generation as an import does, then open each page once, one after the other, signed
    in (no page cache helps): the first search of each worker rebuilds its facet index, the record and the
    tables are read again. Returns the seconds of each first request."""
    shell(env, "from services.cache import bump_generation; bump_generation()")
    waited = {}
    for label, path in pages.items():
        started = time.perf_counter()
        fetch(base + path, headers)
        waited[label] = time.perf_counter() - started
    return waited


def stampede(base: str, env, paths: list[str]) -> float:
    """Bump the generation, then send `paths` (anonymous searches the page cache does not hold) all at once:
    the slowest answer in seconds, queueing behind the others included."""
    shell(env, "from services.cache import bump_generation; bump_generation()")
    latencies, lock = [], threading.Lock()

    def one(path):
        started = time.perf_counter()
        fetch(base + path)
        with lock:
            latencies.append(time.perf_counter() - started)

    pool = [threading.Thread(target=one, args=(path,)) for path in paths]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return max(latencies)


def main() -> None:
    from forum import portal_fixture, prepare_spirit, spirit_env

    without_early = "--without-early-page-cache" in sys.argv
    if without_early:  # parse_options knows only the common options
        sys.argv.remove("--without-early-page-cache")
    options = parse_options(port=8771, description=__doc__)
    os.environ.setdefault("CACHE_URL", "redis://127.0.0.1:6379/13")
    os.environ.setdefault("CACHE_KEY_PREFIX", f"bench-everyone-{os.getpid()}")
    env = production_env(options.port)
    if without_early:
        env["DJANGO_SETTINGS_MODULE"] = "bench._settings_early"
        print("settings: portal.settings without core.middleware.PageCacheMiddleware (bench/_settings_early.py)")
    print(f"seed_demo --scale national (or the check that it is loaded): {prepare_database(env):.1f} s")
    portal = portal_fixture(env)  # the forum's benchmark category: 50 threads, the first of 100 posts
    sample = json.loads(shell(env, PAGES).strip().splitlines()[-1])
    pages, signed_in = sample["pages"], {"Cookie": f"sessionid={sample['session']}"}
    s_env = spirit_env(options.port + 1)
    spirit = prepare_spirit(s_env, posts=int(portal["posts"][0]), per_page=int(portal["per_page"][0]),
                            threads_per_page=int(portal["per_page"][1]))
    print(f"{options.workers} gunicorn workers, {options.threads} connections, {options.seconds:.0f} s a page; "
          f"machine load before the run: {os.getloadavg()[0]:.2f}")
    # The floor of a signed-in page: a static text (the privacy statement) through the session, the person
    # and base.html, with no data of its own.
    rows = [("portal trivial view /robots.txt", "/robots.txt"),
            ("signed in: static page (privacy statement)", sample["floor"], signed_in)]
    for label, path in pages.items():
        rows += [(f"cached, anonymous: {label}", path), (f"uncached, signed in: {label}", path, signed_in)]
    search = pages["search, no filter"]
    combinations = [f"{search}?form={form}&kraj={kraj}" for form in ("pob", "amb", "ter")
                    for kraj in (3018, 3026, 3034, 3042, 3051, 3069)][:options.threads]
    with gunicorn(env, port=options.port, workers=options.workers) as base:
        cold = cold_start(base, env, pages, signed_in)  # workers just started: nothing built, nothing compiled
        results = {result["label"]: result for result in
                   report(base, rows, seconds=options.seconds, threads=options.threads, interleave=True)}
        alone = {label: single(base, path, seconds=min(options.seconds, 3), headers=signed_in)
                 for label, path in pages.items()}
        after_import = cold_start(base, env, pages, signed_in)
        crowd = stampede(base, env, combinations)
    with gunicorn(s_env, port=options.port + 1, workers=options.workers, app="spirit_bench.wsgi",
                  cwd=ROOT / "bench" / "spirit", executable=[str(ROOT / "bench" / ".venv-spirit" / "bin" / "gunicorn")],
                  ready_path="/") as base:
        theirs = report(base, [("spirit: topic, page 1 (25 comments)", spirit["thread"]),
                               ("spirit: category (50 topics)", spirit["category"])],
                        seconds=options.seconds, threads=options.threads, hello=False)

    print(f"\n{'page':<30} {'cached':>7} {'uncached':>9} {'p50 ms':>7} {'p99 ms':>7} {'p99/p50':>8} {'alone ms':>9}")
    for label in pages:
        cached, uncached = results[f"cached, anonymous: {label}"], results[f"uncached, signed in: {label}"]
        print(f"{label:<30} {cached['ratio']:>7.3f} {uncached['ratio']:>9.3f} {uncached['p50']:>7.1f} "
              f"{uncached['p99']:>7.1f} {uncached['p99'] / uncached['p50']:>8.1f} {alone[label]:>9.1f}")
    print("(cached, uncached: requests per second ÷ the bare hello's; p50, p99: uncached under load; "
          "alone: one request at a time, uncached)")
    for ours, other in (("thread, page 1 (25 posts)", theirs[0]), ("forum category (50 threads)", theirs[1])):
        print(f"{ours}: uncached portal ÷ Spirit = {results[f'uncached, signed in: {ours}']['rate'] / other['rate']:.1f}")
    print("first request of each page, signed in, one at a time: after gunicorn started | after an import")
    for label in pages:
        print(f"  {label:<30} {cold[label] * 1000:>7.0f} ms | {after_import[label] * 1000:>7.0f} ms")
    print(f"{len(combinations)} new anonymous searches at once right after an import: the slowest answered in "
          f"{crowd * 1000:.0f} ms (queueing behind the others on {options.workers} workers included)")


if __name__ == "__main__":
    os.chdir(Path(__file__).resolve().parent)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
