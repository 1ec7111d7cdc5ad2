"""Import of the national registry of social services (MPSV `rpss.json`, ../shared/DOMAIN.md §1): the entry
point that the command (`manage.py import_rpss`), the task and the admin call.

- **Atomic**: the whole import is one transaction. A file that is not JSON, not UTF-8, has the wrong root or
  breaks midway raises `ImportFileError` (with the byte offset and item number) and nothing is stored.
- **Two halves**: services/importers/reading.py streams the file in batches and turns each item into a
  checked, normalised record (what is read, what is skipped or left out, where a broken file breaks);
  services/importers/writing.py writes the records (`RegistryImporter`: what is created, updated, never
  overwritten, ended; history) and keeps the `Report`. services/importers/source.py opens a path, URL or
  upload.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from services.cache import bump_generation
from services.importers.reading import batches, read_items
from services.importers.source import ImportFileError, check_start, open_source
from services.importers.writing import (
    BATCH_SIZE,
    CHANGE_LISTS,
    ENTITIES,
    OUTCOMES,
    PROVIDER_FIELDS,
    SERVICE_FIELDS,
    RegistryImporter,
    Report,
)

__all__ = ["BATCH_SIZE", "CHANGE_LISTS", "ENTITIES", "OUTCOMES", "PROVIDER_FIELDS", "SERVICE_FIELDS", "Report",
           "execute_run", "import_rpss"]


def import_rpss(source, *, kraje=(), dry_run: bool = False, end_missing: str = "auto", keep_missing: bool = False,
                progress=None, today: dt.date | None = None, max_bytes: int | None = None,
                name: str | None = None) -> Report:
    """Import the registry file at `source` (path or URL) in one transaction; return the report.

    `end_missing`: "auto" ends services missing from the file only when the file is sane, "always" ends them
    anyway, "never" keeps them (`keep_missing=True` is the same as "never"). `progress(items, bytes, size)`.
    Raises ImportFileError when the file as a whole is unusable (then nothing has changed); its message
    starts with the file's name (`name`, else the source's).
    """
    if keep_missing:
        end_missing = "never"
    report = Report()
    name = name or _source_name(source)
    try:
        with open_source(source, max_bytes=max_bytes or settings.REGISTRY_IMPORT_MAX_BYTES) as (handle, size):
            check_start(handle)
            with transaction.atomic():
                importer = RegistryImporter(report=report, kraje=kraje, end_missing=end_missing, today=today)
                for batch in batches(read_items(handle, size=size, progress=progress), BATCH_SIZE):
                    importer.import_batch(batch)
                importer.end_missing()
                if dry_run:
                    transaction.set_rollback(True)  # everything was computed; nothing is kept
    except ImportFileError as error:
        raise ImportFileError(f"{name}: {error}") from None
    if not dry_run and report.writes:
        bump_generation()  # bulk writes send no signals: drop cached registry pages explicitly
    return report


def _source_name(source) -> str:
    text = str(getattr(source, "name", None) or source)
    return text if "://" in text else text.replace("\\", "/").rsplit("/", 1)[-1]


def execute_run(run, *, progress=None) -> Report | None:
    """Run a recorded import (ImportRun) and store its outcome; a failed file is recorded, never raised.
    Progress (items read) is kept for the run's page while it runs."""
    from services.models import ImportRun

    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.RUNNING, started_at=timezone.now())
    run.status = ImportRun.Status.RUNNING
    source = run.file if run.file else run.file_name

    def record_progress(items, done, size):
        run.record_progress(items, done, size)
        if progress:
            progress(items, done, size)

    mode = "never" if run.keep_missing else "always" if run.end_missing else "auto"
    try:
        report = import_rpss(source, kraje=list(run.kraje.all()), dry_run=run.dry_run, end_missing=mode,
                             progress=record_progress, name=run.file_name)
    except ImportFileError as error:
        run.status, run.error, report = ImportRun.Status.FAILED, str(error), None
    except Exception as error:  # a bug or a database failure: the run must not stay "running" for ever
        ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.FAILED, finished_at=timezone.now(),
                                                   error=f"{type(error).__name__}: {error}")
        raise
    else:
        run.status, run.counts, run.problems = ImportRun.Status.DONE, report.as_counts(), report.problems
        run.counts["items"] = report.items
        if report.problems_left_off:
            run.counts["problems_left_off"] = report.problems_left_off
        run.counts["missing"] = report.missing
        run.counts["duplicates"] = report.duplicates
        run.counts["broken_items"] = report.broken_items
        run.counts["missing_kept_reason"] = report.missing_kept_reason
        run.changes = report.changes
    run.finished_at = timezone.now()
    ImportRun.objects.filter(pk=run.pk).update(status=run.status, error=run.error, counts=run.counts,
                                               problems=run.problems, changes=run.changes,
                                               finished_at=run.finished_at)
    return report
