"""Throughput and latency of the main pages under production settings, on national-scale demo data.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench python bench/pages.py [--seconds 10]

Creates the database content if needed (migrate + `seed_demo --scale national`), starts gunicorn with
DEBUG off and persistent connections, and hits each page from several threads. Absolute numbers depend on
the machine; compare pages as ratios to /healthz measured in the same run.
"""

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = ["/healthz", "/cs/", "/cs/uzemi/", "/cs/uzemi/?kraj=3026&okres=40169", "/cs/uzemi/kraj/3026-stredocesky-kraj/",
         "/cs/uzemi/orp/2101-benesov/", "/cs/sluzby/", "/cs/prohlaseni-o-pristupnosti/"]


def production_env(port: int) -> dict:
    return {
        **os.environ, "DEBUG": "0", "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-secret-key-" + "x" * 40),
        "ALLOWED_HOSTS": "127.0.0.1", "SITE_URL": f"http://127.0.0.1:{port}", "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0", "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "60"),
    }


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def hammer(url: str, seconds: float, threads: int) -> tuple[int, list[float], int]:
    latencies, errors, stop = [], [0], time.monotonic() + seconds
    lock = threading.Lock()

    def worker():
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=30) as response:
                    response.read()
                    ok = response.status == 200
            except Exception:  # noqa: BLE001 (count any failure)
                ok = False
            with lock:
                if ok:
                    latencies.append(time.perf_counter() - started)
                else:
                    errors[0] += 1

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return len(latencies), latencies, errors[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    options = parser.parse_args()
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database for the benchmark.")
    env = production_env(options.port)
    manage(env, "migrate", "-v0")
    started = time.monotonic()
    manage(env, "seed_demo", "--scale", "national", "--allow-production")
    print(f"seed_demo --scale national (or check that it is loaded): {time.monotonic() - started:.1f} s")
    manage(env, "collectstatic", "--noinput", "-v0")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "portal.wsgi", "--workers", str(options.workers), "--bind",
         f"127.0.0.1:{options.port}", "--log-level", "warning"], cwd=ROOT, env=env)
    try:
        base = f"http://127.0.0.1:{options.port}"
        for _ in range(50):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        print(f"{'page':<45} {'req/s':>8} {'ratio':>6} {'p50 ms':>8} {'p95 ms':>8} {'errors':>6}")
        baseline = None
        for page in PAGES:
            hammer(base + page, 1, options.threads)  # warm caches and connections
            count, latencies, errors = hammer(base + page, options.seconds, options.threads)
            rate = count / options.seconds
            baseline = baseline or rate
            quantiles = statistics.quantiles(latencies, n=20) if len(latencies) > 1 else [0] * 19
            print(f"{page:<45} {rate:>8.1f} {rate / baseline:>6.2f} {statistics.median(latencies) * 1000:>8.1f} "
                  f"{quantiles[18] * 1000:>8.1f} {errors:>6}")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()
