"""50 concurrent visitors for 60 s over a realistic mix of pages, optionally with a database or Redis outage.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench python bench/load.py
    DATABASE_URL=... python bench/load.py --restart-database-at 20     # failure test
    DATABASE_URL=... python bench/load.py --stop-redis-at 20           # Redis away for 10 s

gunicorn with the documented production settings (DEBUG off, persistent connections, Redis cache when
CACHE_URL is set — the script sets redis://127.0.0.1:6379/13 unless given) on the national-scale demo
set. Only local addresses. Reports errors, p50/p95 and requests/s of the mix and per page kind, then each
page kind alone at the same concurrency against the bare Django hello view (bench/_wsgi.py) as the ceiling.

With --restart-database-at N, PostgreSQL is restarted N seconds into the run (pg_ctlcluster, needs root):
every answer during the outage must be the friendly 503 page (never a 500 or a traceback), and the
portal must serve pages again within 5 s of PostgreSQL accepting connections, without restarting gunicorn.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict

from _server import HELLO, ROOT, gunicorn, hammer, prepare_database, production_env

URLS = """
import json, random
from django.contrib.auth.models import AnonymousUser
from coalitions.models import Coalition, Meeting
from discussions.models import Category, Thread
from services.models import Service, ServiceType
rng = random.Random(7)
services = list(Service.objects.active().order_by("pk").values_list("pk", flat=True))
types = list(ServiceType.objects.filter(known=True).values_list("pk", flat=True))
def cs(url):
    return url.replace("/en/", "/cs/", 1)
print(json.dumps({
    "services": [cs(s.get_absolute_url()) for s in Service.objects.filter(pk__in=rng.sample(services, 300))],
    "types": types,
    "coalitions": [cs(c.get_absolute_url()) for c in Coalition.objects.order_by("pk")[:50]],
    "meetings": [cs(m.get_absolute_url()) for m in Meeting.objects.published().select_related("coalition").order_by("-pk")[:100]],
    "threads": [cs(t.get_absolute_url()) for t in Thread.objects.visible_to(AnonymousUser()).order_by("-pk")[:300]],
    "categories": [cs(c.get_absolute_url()) for c in Category.objects.filter(coalition__isnull=True)],
}))
"""


def sample_urls(env) -> dict:
    out = subprocess.run([sys.executable, "manage.py", "shell", "-c", URLS], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def page_mix(urls: dict, rng: random.Random) -> list[tuple[str, int, callable]]:
    """(kind, weight, make a path) — roughly what the public and professionals open."""
    forms = ["pob", "amb", "ter"]
    return [
        ("search with facets", 20, lambda: f"/cs/sluzby/?type={rng.choice(urls['types'])}&form={rng.choice(forms)}"
                                           f"&kraj=3026&page={rng.randint(1, 3)}"),
        ("search, full text", 8, lambda: "/cs/sluzby/?q=" + urllib.parse.quote_plus(
            rng.choice(["domov", "azylovy dum", "poradna", "senior"]))),
        ("service detail", 25, lambda: rng.choice(urls["services"])),
        ("capacity overview", 6, lambda: "/cs/kapacity/"),
        ("coalition page", 6, lambda: rng.choice(urls["coalitions"])),
        ("meeting page", 6, lambda: rng.choice(urls["meetings"])),
        ("forum category", 6, lambda: rng.choice(urls["categories"])),
        ("thread page", 15, lambda: rng.choice(urls["threads"])),
        ("feeds", 8, lambda: rng.choice(["/cs/sluzby/zmeny/", "/cs/koalice/rss/setkani/", "/cs/koalice/rss/zapisy/"])),
    ]


def fetch(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()
    except Exception:  # noqa: BLE001 (a refused connection, a reset, a bad URL: an error, not a dead visitor)
        return 0, b""


def run_mix(base, urls, *, visitors, seconds, outage=None) -> dict:
    results = defaultdict(list)  # kind → [(t, status, latency, body-kind)]
    lock, stop, start = threading.Lock(), time.monotonic() + seconds, time.monotonic()

    def visitor(number):
        rng = random.Random(number)
        mix = page_mix(urls, rng)
        kinds, weights = [m[0] for m in mix], [m[1] for m in mix]
        makers = {m[0]: m[2] for m in mix}
        while time.monotonic() < stop:
            kind = rng.choices(kinds, weights)[0]
            began = time.perf_counter()
            status, body = fetch(base + makers[kind]())
            latency = time.perf_counter() - began
            friendly = status == 503 and b"nedostupn" in body and b"Traceback" not in body
            with lock:
                results[kind].append((time.monotonic() - start, status, latency, friendly))
            time.sleep(rng.uniform(0, 0.05))  # a visitor reads a little between clicks

    threads = [threading.Thread(target=visitor, args=(n,)) for n in range(visitors)]
    for thread in threads:
        thread.start()
    events = outage() if outage else {}
    for thread in threads:
        thread.join()
    return {"results": results, "events": events}


def restart_database(at: float):
    def outage():
        time.sleep(at)
        cluster = os.listdir("/etc/postgresql")[0]
        began = time.monotonic()
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "stop", "-m", "fast"], check=True)
        time.sleep(3)  # a short outage everyone notices
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "start"], check=True)
        while subprocess.run(["pg_isready", "-h", "127.0.0.1", "-q"]).returncode:
            time.sleep(0.05)
        return {"outage_began": began, "database_back": time.monotonic()}
    return outage


def stop_redis(at: float):
    def outage():
        time.sleep(at)
        subprocess.run(["redis-cli", "-h", "127.0.0.1", "shutdown", "nosave"], capture_output=True)
        began = time.monotonic()
        time.sleep(10)
        subprocess.run(["redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--port", "6379", "--save", ""],
                       check=True, capture_output=True)
        return {"outage_began": began, "redis_back": time.monotonic()}
    return outage


def summarise(run, seconds, start_mono) -> None:
    all_rows = [row for rows in run["results"].values() for row in rows]
    print(f"\n{'page kind':<22} {'requests':>8} {'req/s':>7} {'p50 ms':>7} {'p95 ms':>7} {'non-200':>8}")
    for kind, rows in sorted(run["results"].items()):
        ok = [r[2] * 1000 for r in rows if r[1] == 200]
        p95 = statistics.quantiles(ok, n=20)[18] if len(ok) > 1 else float("nan")
        print(f"{kind:<22} {len(rows):>8} {len(rows) / seconds:>7.1f} {statistics.median(ok) if ok else 0:>7.1f} "
              f"{p95:>7.1f} {sum(1 for r in rows if r[1] != 200):>8}")
    ok = [r[2] * 1000 for r in all_rows if r[1] == 200]
    statuses = defaultdict(int)
    for row in all_rows:
        statuses[row[1]] += 1
    print(f"{'all':<22} {len(all_rows):>8} {len(all_rows) / seconds:>7.1f} {statistics.median(ok):>7.1f} "
          f"{statistics.quantiles(ok, n=20)[18]:>7.1f} {len(all_rows) - statuses[200]:>8}")
    print("statuses:", dict(statuses))
    events = run["events"]
    if "database_back" in events:
        back = events["database_back"] - start_mono
        unfriendly = [r for r in all_rows if r[1] not in (200, 503) or (r[1] == 503 and not r[3])]
        after = sorted(r[0] for r in all_rows if r[0] >= back and r[1] == 200)
        print(f"database outage: {events['database_back'] - events['outage_began']:.1f} s; answers other than 200 or "
              f"the friendly 503: {len(unfriendly)}; first 200 after the database was back: "
              f"{(after[0] - back) if after else float('nan'):.2f} s (goal ≤ 5 s)")
    if "redis_back" in events:
        during = [r for r in all_rows if events["outage_began"] - start_mono <= r[0] <= events["redis_back"] - start_mono]
        print(f"Redis away {events['redis_back'] - events['outage_began']:.1f} s: {len(during)} requests meanwhile, "
              f"{sum(1 for r in during if r[1] != 200)} not 200")
        began, back = events["outage_began"] - start_mono, events["redis_back"] - start_mono
        for label, low, high in (("before", 0, began), ("during", began, back), ("after", back, seconds)):
            rows = [r for r in all_rows if low <= r[0] < high]
            if rows and high > low:
                print(f"  {label:<7} {len(rows) / (high - low):7.1f} req/s, p50 {statistics.median(r[2] for r in rows) * 1000:7.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--visitors", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--page-seconds", type=float, default=5, help="per-page-kind ceiling comparison")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8769)
    parser.add_argument("--restart-database-at", type=float)
    parser.add_argument("--stop-redis-at", type=float)
    options = parser.parse_args()
    os.environ.setdefault("CACHE_URL", "redis://127.0.0.1:6379/13")
    # A run starts with a cold page cache of its own: runs before it (or other benchmarks sharing the Redis
    # database) neither warm nor invalidate it.
    os.environ.setdefault("CACHE_KEY_PREFIX", f"bench-load-{os.getpid()}")
    env = production_env(options.port)
    print(f"seed_demo --scale national (or the check that it is loaded): {prepare_database(env):.1f} s")
    urls = sample_urls(env)
    outage = None
    if options.restart_database_at is not None:
        outage = restart_database(options.restart_database_at)
    elif options.stop_redis_at is not None:
        outage = stop_redis(options.stop_redis_at)
    with gunicorn(env, port=options.port, workers=options.workers) as base:
        hammer(base + "/cs/sluzby/", 2, 8)  # warm up
        start = time.monotonic()
        run = run_mix(base, urls, visitors=options.visitors, seconds=options.seconds, outage=outage)
        print(f"{options.visitors} visitors, {options.seconds:.0f} s, {options.workers} gunicorn workers")
        summarise(run, options.seconds, start)
        if outage is None:
            print(f"\neach page kind alone, {options.visitors} concurrent, {options.page_seconds:.0f} s:")
            rng = random.Random(1)
            ceiling_latencies, _errors = hammer(base + HELLO[1], options.page_seconds, options.visitors)
            ceiling = len(ceiling_latencies) / options.page_seconds
            print(f"{'bare Django hello':<22} {ceiling:>7.1f} req/s (ceiling)")
            robots, _errors = hammer(base + "/robots.txt", options.page_seconds, options.visitors)
            print(f"{'trivial view /robots.txt':<22} {len(robots) / options.page_seconds:>7.1f} req/s  ratio "
                  f"{len(robots) / options.page_seconds / ceiling:.2f}")
            for kind, _weight, make in page_mix(urls, rng):
                latencies, errors = hammer(base + make(), options.page_seconds, options.visitors)
                rate = len(latencies) / options.page_seconds
                print(f"{kind:<22} {rate:>7.1f} req/s  ratio {rate / ceiling:.2f}  errors {errors}")


if __name__ == "__main__":
    os.chdir(ROOT / "bench")
    sys.path.insert(0, str(ROOT / "bench"))
    main()
