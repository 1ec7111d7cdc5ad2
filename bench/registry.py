"""Registry pages on the national-scale demo set (≈7,000 services, 19,000 facilities, 400,000 reports).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench python bench/registry.py [--seconds 10]

Measures the search page (no filter, three facets, a full-text query), a service detail page and the
capacity overview against the bare Django hello view (bench/_wsgi.py, no middleware) under the same gunicorn in
the same run; the portal's own trivial view (/robots.txt) is a row beside them.
Goal: search and detail at ≥ 35 % of that ceiling with a median latency ≤ 25 ms.
"""

import os
import subprocess
import sys

from _server import parse_options, ROOT, gunicorn, prepare_database, production_env, report


def sample_ids(env) -> dict:
    """A typical service's canonical URL (the median id) and the codes used by the faceted query."""
    code = ("from services.models import Service, ServiceType;"
            "services = Service.objects.active().order_by('pk');"
            "print(services[services.count() // 2].get_absolute_url(),"
            " ServiceType.objects.get(code='DruhSocialniSluzby/13').pk)")
    out = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True,
                         capture_output=True, text=True).stdout.split()
    return {"service": out[-2].replace("/en/", "/cs/", 1), "type": out[-1]}


def main() -> None:
    options = parse_options(port=8766, description=__doc__)
    env = production_env(options.port)
    print(f"seed_demo --scale national (or the check that it is loaded): {prepare_database(env):.1f} s")
    ids = sample_ids(env)
    pages = [
        ("trivial view /robots.txt", "/robots.txt"),
        ("search, no filter", "/cs/sluzby/"),
        ("search, 3 facets", f"/cs/sluzby/?type={ids['type']}&form=pob&kraj=3026"),
        ("search, full text", "/cs/sluzby/?q=domov+pro+seniory"),
        ("service detail", ids["service"]),
        ("capacity overview", "/cs/kapacity/"),
        ("capacity overview, kraj", "/cs/kapacity/?kraj=3026"),
        ("ORP profile", "/cs/kapacity/orp/2109-kladno/"),
    ]
    with gunicorn(env, port=options.port, workers=options.workers) as base:
        report(base, pages, seconds=options.seconds, threads=options.threads)


if __name__ == "__main__":
    os.chdir(ROOT)
    main()
