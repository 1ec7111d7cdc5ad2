"""Shared helpers of the benchmarks: a production-settings gunicorn and a threaded load generator."""

import argparse
import os
import statistics
import subprocess
import sys
import threading
import time
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
def gunicorn(env, *, port: int, workers: int, app: str = "portal.wsgi", cwd: Path = ROOT,
             executable: list[str] | None = None, ready_path: str = "/healthz"):
    """A gunicorn of `app` (the portal by default) until the block ends; yields its base URL once it answers."""
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


def hammer(url: str, seconds: float, threads: int) -> tuple[list[float], int]:
    """Request `url` from `threads` threads for `seconds`; returns latencies of 200s and the error count."""
    latencies, errors, stop = [], [0], time.monotonic() + seconds
    lock = threading.Lock()

    def worker():
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                with urllib.request.urlopen(url, timeout=30) as response:
                    response.read()
                    ok = response.status == 200
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


def report(base: str, pages: list[tuple[str, str]], *, seconds: float, threads: int) -> list[dict]:
    """Measure each (label, path); the first one is the ceiling the others are compared with."""
    print(f"{'page':<34} {'req/s':>8} {'ratio':>6} {'p50 ms':>8} {'p95 ms':>8} {'errors':>6}")
    results, ceiling = [], None
    for label, path in pages:
        hammer(base + path, 1, threads)  # warm caches and connections
        latencies, errors = hammer(base + path, seconds, threads)
        rate = len(latencies) / seconds
        ceiling = ceiling or rate
        p50 = statistics.median(latencies) * 1000 if latencies else float("nan")
        p95 = statistics.quantiles(latencies, n=20)[18] * 1000 if len(latencies) > 1 else float("nan")
        print(f"{label:<34} {rate:>8.1f} {rate / ceiling:>6.2f} {p50:>8.1f} {p95:>8.1f} {errors:>6}")
        results.append({"label": label, "rate": rate, "ratio": rate / ceiling, "p50": p50, "p95": p95})
    return results
