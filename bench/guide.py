"""The life-situation guide on the national-scale demo set: the results page uncached (goal ≤ 150 ms).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench python bench/guide.py [--seconds 10]

Two measurements:

1. In one process (`manage.py shell`), the results page of a situation with six fitting service types for
   twenty obce of different kraje, rendered through the Django test client with the page cache off, after
   one warm-up request per obec: median and p95 time and the number of queries per request.
2. Under gunicorn with production settings and the page cache off (`REGISTRY_PAGE_CACHE_SECONDS=0`), the same
   pages (rotating through the obce) against the trivial view /robots.txt, as the other benchmarks report.
"""

import os
import subprocess
import sys

from _server import ROOT, gunicorn, parse_options, prepare_database, production_env, report

SITUATION = "rodic-uz-nezvlada-byt-sam-doma"

IN_PROCESS = r"""
import statistics, time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from territory.models import Obec

obce = list(Obec.objects.order_by("?").values_list("code", flat=True)[:20])
client = Client(HTTP_HOST="127.0.0.1")
url = "/cs/zivotni-situace/%s/pomoc-v-okoli/"
for code in obce:
    client.get(url, {"obec": code, "age": "old"})  # warm the codelists and the process' index
times, counts = [], []
for _ in range(5):
    for code in obce:
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            response = client.get(url, {"obec": code, "age": "old"})
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
        counts.append(len(queries))
times.sort()
print(f"results page, uncached, in process: median {statistics.median(times):.1f} ms, "
      f"p95 {times[int(len(times) * 0.95)]:.1f} ms, queries {min(counts)}–{max(counts)}")
print("OBCE", " ".join(map(str, obce[:5])))
""" % SITUATION


def main() -> None:
    options = parse_options(port=8767, description=__doc__)
    env = {**production_env(options.port), "REGISTRY_PAGE_CACHE_SECONDS": "0"}
    print(f"seed_demo --scale national (or the check that it is loaded): {prepare_database(env):.1f} s")
    out = subprocess.run([sys.executable, "manage.py", "shell", "-c", IN_PROCESS], cwd=ROOT,
                         env=env, check=True, capture_output=True, text=True).stdout
    lines = out.strip().splitlines()
    print(next(line for line in lines if line.startswith("results page")))
    obce = next(line for line in lines if line.startswith("OBCE")).split()[1:]
    pages = [("trivial view /robots.txt", "/robots.txt"),
             ("guide index", "/cs/zivotni-situace/"),
             ("situation page", f"/cs/zivotni-situace/{SITUATION}/"),
             *((f"results, obec {code}", f"/cs/zivotni-situace/{SITUATION}/pomoc-v-okoli/?obec={code}&age=old")
               for code in obce[:3]),
             ("search with a situation hint", "/cs/sluzby/?q=maminka+uz+nemuze+byt+sama+doma")]
    with gunicorn(env, port=options.port, workers=options.workers) as base:
        report(base, pages, seconds=options.seconds, threads=options.threads)


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
