import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from services.importers.rpss import execute_run
from services.models import ImportRun
from territory.models import Kraj


class Command(BaseCommand):
    help = ("Import the national registry of social services (MPSV rpss.json) from a file or an http(s) URL, "
            "in one transaction: a broken file changes nothing. Services missing from the file are ended only "
            "when the file looks complete (no broken item, at most REGISTRY_IMPORT_MAX_ENDED_PERCENT of the "
            "active services would end); --end-missing ends them anyway. Every run is recorded (admin: Registry "
            "imports). Messages are in English.")

    def add_arguments(self, parser):
        parser.add_argument("source", help="path or http(s) URL of rpss.json")
        parser.add_argument("--kraj", action="append", default=[], metavar="NUTS3",
                            help="import only services of this kraj (NUTS 3 code, e.g. CZ020); repeatable")
        parser.add_argument("--dry-run", action="store_true", help="report what would change, write nothing")
        missing = parser.add_mutually_exclusive_group()
        missing.add_argument("--end-missing", action="store_true",
                             help="end the active services missing from the file even when the file looks "
                                  "partial or has broken items")
        missing.add_argument("--keep-missing", action="store_true",
                             help="never end services missing from the file (for partial files)")

    def handle(self, source, kraj, dry_run, end_missing, keep_missing, **options):
        with translation.override("en"):  # the command's messages (and the run's report) in one language
            self.run(source, kraj, dry_run, end_missing, keep_missing, **options)

    def run(self, source, kraj, dry_run, end_missing, keep_missing, **options):
        kraje = list(Kraj.objects.filter(nuts3__in=kraj))
        unknown = set(kraj) - {k.nuts3 for k in kraje}
        if unknown:
            raise CommandError(f"Unknown kraj code(s): {', '.join(sorted(unknown))} (use NUTS 3 codes, e.g. CZ020).")
        run = ImportRun.objects.create(source=ImportRun.Source.COMMAND, file_name=str(source)[:500], dry_run=dry_run,
                                       keep_missing=keep_missing, end_missing=end_missing)
        run.kraje.set(kraje)
        progress = self.progress_bar if sys.stderr.isatty() and options["verbosity"] > 0 else None
        report = execute_run(run, progress=progress)
        if progress:
            sys.stderr.write("\n")
        if report is None:
            raise CommandError(f"Nothing imported: {run.error}")
        if dry_run:
            self.stdout.write("Dry run: nothing was written.")
        self.stdout.write(report.summary())

    @staticmethod
    def progress_bar(items: int, done: int, total: int) -> None:
        share = done / total if total else 1
        bar = "#" * int(share * 40)
        sys.stderr.write(f"\r[{bar:<40}] {share:6.1%}  {done / 2**20:.1f} / {total / 2**20:.1f} MB, {items} items")
        sys.stderr.flush()
