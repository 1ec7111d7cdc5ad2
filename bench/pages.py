"""Throughput and latency of the site pages under production settings, on national-scale demo data.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench python bench/pages.py [--seconds 10]

Pages are reported as a ratio to /robots.txt (a trivial Django view) measured in the same run.
"""


from _server import parse_options, gunicorn, prepare_database, production_env, report

PAGES = [("trivial view /robots.txt", "/robots.txt"), ("/healthz", "/healthz"), ("home", "/cs/"),
         ("territory index", "/cs/uzemi/"), ("picker kraj+okres", "/cs/uzemi/?kraj=3026&okres=40169"),
         ("kraj page", "/cs/uzemi/kraj/3026-stredocesky-kraj/"), ("ORP page", "/cs/uzemi/orp/2101-benesov/"),
         ("accessibility statement", "/cs/prohlaseni-o-pristupnosti/")]


def main() -> None:
    options = parse_options(port=8765, description=__doc__)
    env = production_env(options.port)
    print(f"seed_demo --scale national (or the check that it is loaded): {prepare_database(env):.1f} s")
    with gunicorn(env, port=options.port, workers=options.workers) as base:
        report(base, PAGES, seconds=options.seconds, threads=options.threads)


if __name__ == "__main__":
    main()
