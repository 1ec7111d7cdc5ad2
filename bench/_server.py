"""Shared helpers of the benchmarks: a production-settings gunicorn and a threaded load generator."""

import argparse
import http.client
import os
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def parse_options(*, port: int, description: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--seconds", type=float, default=10, help="measuring time per page")
    parser.add_argument("--threads", type=int, default=4, help="concurrent client threads")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=port)
    return parser.parse_args()


def production_env(port: int) -> dict:
    return {
        **os.environ, "DEBUG": "0", "SECRET_KEY": os.environ.get("SECRET_KEY", "bench-secret-key-" + "x" * 40),
        "ALLOWED_HOSTS": "127.0.0.1", "SITE_URL": f"http://127.0.0.1:{port}", "SECURE_SSL_REDIRECT": "0",
        "SECURE_COOKIES": "0", "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "60"),
    }


def manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def prepare_database(env) -> float:
    """Migrate and load the national-scale demo set once; returns the seconds it took."""
    if not env.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database for the benchmark.")
    manage(env, "migrate", "-v0")
    started = time.monotonic()
    manage(env, "seed_demo", "--scale", "national", "--allow-production")
    manage(env, "collectstatic", "--noinput", "-v0")
    return time.monotonic() - started


@contextmanager
def gunicorn(env, *, port: int, workers: int, app: str = "bench._wsgi:application", cwd: Path = ROOT,
             executable: list[str] | None = None, ready_path: str = "/healthz"):
    """A gunicorn of `app` until the block ends; yields its base URL once it answers. The default app is the
    portal beside the bare hello view (bench/_wsgi.py), so every run measures its own ceiling."""
    command = executable or [sys.executable, "-m", "gunicorn"]
    server = subprocess.Popen([*command, app, "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
                               "--log-level", "warning"], cwd=cwd, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + ready_path, timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait()


def fetch(url: str, headers: dict | None = None) -> int:
    """GET `url` on a new connection (gunicorn's sync workers close every one) and read the whole body;
    http.client rather than urllib, whose opener machinery costs the client more than a small page costs us."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request("GET", f"{parts.path}?{parts.query}" if parts.query else parts.path,
                           headers=headers or {})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def hammer(url: str, seconds: float, threads: int, headers: dict | None = None) -> tuple[list[float], int]:
    """Request `url` from `threads` threads for `seconds`; returns latencies of 200s and the error count."""
    latencies, errors, stop = [], [0], time.monotonic() + seconds
    lock = threading.Lock()

    def worker():
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                ok = fetch(url, headers) == 200
            except Exception:  # noqa: BLE001 (any failure counts)
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
    return latencies, errors[0]


def percentile(latencies: list[float], fraction: float) -> float:
    """The latency below which `fraction` of the requests finished, in ms (nan without requests)."""
    if not latencies:
        return float("nan")
    ordered = sorted(latencies)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000


def measure(base: str, path: str, *, seconds: float, threads: int, headers: dict | None = None) -> dict:
    """Requests per second and p50/p95/p99 of `path` under `threads` connections, after a 1 s warm-up."""
    hammer(base + path, 1, threads, headers)  # warm caches, indexes and connections
    latencies, errors = hammer(base + path, seconds, threads, headers)
    return {"rate": len(latencies) / seconds, "p50": percentile(latencies, 0.5), "p95": percentile(latencies, 0.95),
            "p99": percentile(latencies, 0.99), "errors": errors}


def single(base: str, path: str, *, seconds: float, headers: dict | None = None) -> float:
    """Median latency (ms) of one request at a time: what one person waits on a quiet machine."""
    latencies, _errors = hammer(base + path, seconds, 1, headers)
    return percentile(latencies, 0.5)


HELLO = ("bare Django hello (ceiling)", "/__bench__/hello")


def report(base: str, pages: list[tuple], *, seconds: float, threads: int, hello: bool = True,
           interleave: bool = False) -> list[dict]:
    """Measure the bare hello view (bench/_wsgi.py), then each (label, path[, headers]); every page is reported
    as its requests per second divided by the hello's of the same run, the first row being the hello itself.
    `interleave` measures the hello again right before every page (for half the time) and divides by that:
    on a machine shared with other jobs the load drifts within a run, and the neighbouring ceiling drifts
    with it. `hello=False` for a server without it (django-spirit): no ratio."""
    print(f"{'page':<44} {'req/s':>8} {'ratio':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'errors':>6}"
          + (f" {'hello/s':>8}" if interleave else ""))
    results, ceiling = [], None
    for label, path, *headers in [HELLO, *pages] if hello else pages:
        if interleave and hello and results:
            ceiling = measure(base, HELLO[1], seconds=seconds / 2, threads=threads)["rate"] or ceiling
        result = measure(base, path, seconds=seconds, threads=threads, headers=headers[0] if headers else None)
        ceiling = (ceiling or result["rate"] or float("nan")) if hello else float("nan")
        result.update(label=label, ratio=result["rate"] / ceiling, ceiling=ceiling)
        print(f"{label:<44} {result['rate']:>8.1f} {result['ratio']:>6.3f} {result['p50']:>8.1f} "
              f"{result['p95']:>8.1f} {result['p99']:>8.1f} {result['errors']:>6}"
              + (f" {ceiling:>8.1f}" if interleave else ""), flush=True)
        results.append(result)
    return results
