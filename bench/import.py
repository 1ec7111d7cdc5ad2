"""Registry import on a national-scale file (≈6,700 services, ≈19,000 facilities, ≈100 MB).

    createdb -h 127.0.0.1 -U postgres portal_imp_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/portal_imp_bench .venv/bin/python bench/import.py

Generates the file with bench/make_rpss.py (once; --regenerate to redo), empties the registry, then runs
`manage.py import_rpss` as a separate process three times and measures wall time and peak memory (RSS):
1. full import into an empty registry (goal ≤ 60 s, ≤ 400 MB),
2. re-import of the unchanged file (goal ≤ 20 s, writing 0 rows: counted in pg_stat_user_tables),
3. a file with 100 changed services (updates only those).
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import psycopg
from _server import ROOT, manage, production_env
from make_rpss import generate

# Tables an import run writes besides the registry: its own record and the task queue.
BOOKKEEPING = ("services_importrun", "services_importrun_kraje", "django_tasks_db_dbtaskresult")


def table_writes(dsn: str) -> int:
    """Rows inserted, updated or deleted so far in the registry's tables (statistics of finished backends)."""
    with psycopg.connect(dsn, autocommit=True) as connection:
        connection.execute("SELECT pg_stat_clear_snapshot()")
        row = connection.execute(
            "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_user_tables "
            "WHERE relname <> ALL(%s)", [list(BOOKKEEPING)]).fetchone()
    return int(row[0])


def run_import(env, path: Path) -> tuple[float, float, str]:
    """Seconds, peak RSS in MB and output of one `manage.py import_rpss` process."""
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "manage.py", "import_rpss", str(path)], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    output = process.stdout.read()
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.monotonic() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"import_rpss failed:\n{output}")
    return seconds, usage.ru_maxrss / 1024, output


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--file", type=Path, default=Path("/tmp/rpss_national.json"))
    parser.add_argument("--regenerate", action="store_true")
    options = parser.parse_args()
    env = production_env(8767)
    dsn = env.get("DATABASE_URL", "")
    if not dsn.startswith("postgres"):
        sys.exit("Set DATABASE_URL to a PostgreSQL database for the benchmark (e.g. portal_imp_bench).")
    changed = options.file.with_name(options.file.stem + "_changed.json")
    if options.regenerate or not options.file.exists():
        stats = generate(options.file)
        print(f"generated {options.file}: {stats['services']} services, {stats['facilities']} facilities "
              f"(with repeats), {stats['bytes'] / 2**20:.1f} MB")
    if options.regenerate or not changed.exists():
        generate(changed, change=100)
    manage(env, "migrate", "-v0")
    manage(env, "shell", "-c", "from services.models import *; CapacityReport.objects.all().delete(); "
                               "Service.objects.all().delete(); Provider.objects.all().delete(); "
                               "ImportRun.objects.all().delete()")
    print(f"file: {options.file.stat().st_size / 2**20:.1f} MB")
    print(f"{'run':<34} {'seconds':>8} {'peak MB':>8} {'rows written':>13}  goal")
    goals = {"full import, empty registry": "≤ 60 s, ≤ 400 MB", "re-import, unchanged file": "≤ 20 s, 0 rows",
             "100 services changed": ""}
    for label, path in [("full import, empty registry", options.file), ("re-import, unchanged file", options.file),
                        ("100 services changed", changed)]:
        before = table_writes(dsn)
        seconds, peak, output = run_import(env, path)
        time.sleep(1.5)  # backend statistics reach pg_stat shortly after the process ends
        written = table_writes(dsn) - before
        print(f"{label:<34} {seconds:>8.1f} {peak:>8.0f} {written:>13}  {goals[label]}")
        summary = [line for line in output.splitlines() if line.startswith(("Služby", "Services"))]
        print("    " + " | ".join(summary))


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
