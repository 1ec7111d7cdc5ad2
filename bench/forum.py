"""Forum pages against django-spirit (a peer Django forum from PyPI), in the same run on the same machine.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_bench python bench/forum.py [--seconds 10]

The portal runs on the national-scale demo set (its forum included); django-spirit 0.14.3 runs in its own
virtualenv (bench/.venv-spirit, created on the first run: Spirit needs Django < 6) on its own PostgreSQL
database (SPIRIT_DATABASE_URL, default .../bench_spirit), loaded by bench/spirit/seed.py with as many
posts as the portal's forum holds, a thread of 100 posts and a category of 50 threads, and the same page
sizes. Both under gunicorn with the same number of workers, DEBUG off and persistent connections.
Measured: a thread of 100 posts (first and last page) and a category page, against the bare Django hello
view served by the portal's gunicorn (bench/_wsgi.py) as the ceiling, the portal's /robots.txt beside it.
Goal: each portal page ≥ 1.5× the same Spirit page.
"""

import os
import subprocess
import sys
from pathlib import Path

from _server import ROOT, gunicorn, parse_options, prepare_database, production_env, report

SPIRIT_DIR = ROOT / "bench" / "spirit"
SPIRIT_VENV = ROOT / "bench" / ".venv-spirit"
SPIRIT_REQUIREMENTS = ["django-spirit==0.14.3", "psycopg[binary]>=3.2", "gunicorn>=23", "dj-database-url>=3.0"]

# The thread of 100 posts and the full category page the comparison is about; built in the bench database
# (a public category, invented text), so both forums are measured on exactly the same shape.
PORTAL_FIXTURE = """
from accounts.models import User
from discussions.models import Category, Post, Thread
from discussions.views.forum import POSTS_PER_PAGE, THREADS_PER_PAGE
category = Category.objects.filter(slug="benchmark").first()
if category is None:
    category = Category.objects.create(name="Benchmark", slug="benchmark", order=999, description="Benchmark")
    people = list(User.objects.filter(is_verified=True).order_by("pk")[:20])
    texts = ["Dobrý den, řešíme v ORP **nedostatek míst** v azylovém domě. Jak to máte vy?",
             "U nás pomohla spolupráce s obcí a *krizové byty*; podrobnosti v [metodice](https://example.org/m).",
             "> Jak to máte vy?\\n\\nMy máme pořadník 14 lidí, místo se uvolní jednou za měsíc.",
             "Souhlasím. Navrhuji téma na příští jednání:\\n\\n- kapacity\\n- financování\\n- terén"]
    for number in range(50):
        thread = Thread.objects.create(category=category, title=f"Téma {number}", author=people[number % 20])
        for n in range(100 if number == 0 else 2):
            thread.add_post(author=people[n % 20], body=texts[n % 4])
first = category.threads.order_by("pk").first()
print("posts", Post.objects.count())
print("per_page", POSTS_PER_PAGE, THREADS_PER_PAGE)
print("thread", first.get_absolute_url().replace("/en/", "/cs/", 1))
print("category", category.get_absolute_url().replace("/en/", "/cs/", 1))
"""


def portal_fixture(env) -> dict:
    out = subprocess.run([sys.executable, "manage.py", "shell", "-c", PORTAL_FIXTURE], cwd=ROOT, env=env,
                         check=True, capture_output=True, text=True).stdout
    return {line.split()[0]: line.split()[1:] for line in out.splitlines() if line.strip()}


def spirit_env(port: int) -> dict:
    url = os.environ.get("SPIRIT_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/bench_spirit")
    return {**os.environ, "SPIRIT_DATABASE_URL": url, "SPIRIT_SITE_URL": f"http://127.0.0.1:{port}/",
            "CONN_MAX_AGE": os.environ.get("CONN_MAX_AGE", "60"), "PYTHONPATH": str(SPIRIT_DIR)}


def prepare_spirit(env, *, posts: int, per_page: int, threads_per_page: int) -> dict:
    python = SPIRIT_VENV / "bin" / "python"
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(SPIRIT_VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", *SPIRIT_REQUIREMENTS], check=True)
    database = env["SPIRIT_DATABASE_URL"].rsplit("/", 1)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database[1]], capture_output=True)
    out = subprocess.run([str(python), str(SPIRIT_DIR / "seed.py"), "--posts", str(posts), "--per-page", str(per_page),
                          "--threads-per-page", str(threads_per_page)], env=env, check=True,
                         capture_output=True, text=True).stdout
    return dict(line.split("=", 1) for line in out.splitlines() if "=" in line)


def main() -> None:
    options = parse_options(port=8767, description=__doc__)
    env = production_env(options.port)
    print(f"seed_demo --scale national (or the check that it is loaded): {prepare_database(env):.1f} s")
    portal = portal_fixture(env)
    posts, (per_page, threads_per_page) = int(portal["posts"][0]), portal["per_page"]
    thread, category = portal["thread"][0], portal["category"][0]
    last_page = -(-100 // int(per_page))
    s_env = spirit_env(options.port + 1)
    spirit = prepare_spirit(s_env, posts=posts, per_page=int(per_page), threads_per_page=int(threads_per_page))
    print(f"posts: portal {posts}, spirit {spirit['comments']}; {per_page} posts and {threads_per_page} threads "
          f"a page in both")
    with gunicorn(env, port=options.port, workers=options.workers) as base:
        ours = report(base, [("portal: trivial view /robots.txt", "/robots.txt"),
                             ("portal: thread of 100, page 1", thread),
                             (f"portal: thread of 100, page {last_page}", f"{thread}?page={last_page}"),
                             ("portal: category of 50 threads", category)],
                      seconds=options.seconds, threads=options.threads)
    with gunicorn(s_env, port=options.port + 1, workers=options.workers, app="spirit_bench.wsgi", cwd=SPIRIT_DIR,
                  executable=[str(SPIRIT_VENV / "bin" / "gunicorn")], ready_path="/") as base:
        theirs = report(base, [("spirit: thread of 100, page 1", spirit["thread"]),
                               (f"spirit: thread of 100, page {last_page}", f"{spirit['thread']}?page={last_page}"),
                               ("spirit: category of 50 topics", spirit["category"])],
                        seconds=options.seconds, threads=options.threads, hello=False)
    ceiling = ours[0]["rate"]  # the bare hello of the portal's gunicorn (bench/_wsgi.py)
    print(f"\n{'page':<28} {'portal/ceiling':>15} {'spirit/ceiling':>15} {'portal/spirit':>14}")
    for mine, other in zip(ours[2:], theirs):
        label = mine["label"].split(": ", 1)[1]
        print(f"{label:<28} {mine['rate'] / ceiling:>15.2f} {other['rate'] / ceiling:>15.2f} "
              f"{mine['rate'] / other['rate']:>14.2f}")


if __name__ == "__main__":
    os.chdir(Path(__file__).resolve().parent)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
