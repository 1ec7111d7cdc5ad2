"""The gap table of the whole country on the national-scale demo set (goal ≤ 300 ms uncached).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench python bench/network.py

In one process (`manage.py shell`, production settings), with every cache cleared before each run (the
population per ORP and the codelists included), so nothing is served from a previous run:

1. `network.gaps.gap_rows(year=…)` for all 14 kraje: median and p95 time, queries, rows;
2. the public gap table page of the whole country (`/cs/sit/mezery/`, page cache off) through the test client;
3. the same page filtered to § 49 (with the tile map of all 206 ORPs), sorted by the gap.
"""

import subprocess
import sys

from _server import ROOT, prepare_database, production_env

IN_PROCESS = r"""
import statistics, time
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from network.gaps import gap_rows
from network.models import NetworkMembership
from services.models import ServiceType

year = timezone.localdate().year
print(f"network lines {NetworkMembership.objects.filter(year=year).count()}")
home = ServiceType.objects.get(code="DruhSocialniSluzby/13")
client = Client(HTTP_HOST="127.0.0.1")

def measure(label, run, repeat=15):
    run()  # the process' own warm-up (imports, templates); the caches are cleared before every timed run
    times, counts, result = [], [], None
    for _ in range(repeat):
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            result = run()
            times.append((time.perf_counter() - started) * 1000)
        counts.append(len(queries))
    times.sort()
    print(f"{label}: median {statistics.median(times):.1f} ms, p95 {times[int(len(times) * 0.95) - 1]:.1f} ms, "
          f"queries {min(counts)}–{max(counts)}")
    return result

rows = measure("gap_rows, whole country, uncached", lambda: gap_rows(year=year))
print(f"rows {len(rows)}, ORPs {len({r.orp.pk for r in rows})}, kraje {len({r.orp.kraj_id for r in rows})}")
def page(params):
    response = client.get("/cs/sit/mezery/", params)
    assert response.status_code == 200, response.status_code
    return response
measure("gap table page, whole country, uncached", lambda: page({"year": year}))
measure("gap table page, § 49 with the tile map, uncached", lambda: page({"year": year, "type": home.pk, "sort": "gap"}))
"""


def main() -> None:
    env = {**production_env(8768), "REGISTRY_PAGE_CACHE_SECONDS": "0"}
    print(f"seed_demo --scale national (or the check that it is loaded): {prepare_database(env):.1f} s")
    out = subprocess.run([sys.executable, "manage.py", "shell", "-c", IN_PROCESS], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout
    print(out.strip())


if __name__ == "__main__":
    main()
