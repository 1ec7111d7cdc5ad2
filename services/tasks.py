"""Background tasks of the registry (django.tasks; run by `manage.py db_worker` with the database backend)."""

from django.tasks import task

from services.importers.rpss import execute_run


@task()
def run_registry_import(run_id: int) -> dict:
    """Import an uploaded registry file (ImportRun): its preview, or once confirmed the import itself; the report
    lands on the run for the admin to show."""
    from services.models import ImportRun

    run = ImportRun.objects.get(pk=run_id)
    if run.status != ImportRun.Status.QUEUED:
        return {"status": run.status}  # already run (a task delivered twice never imports twice)
    execute_run(run)
    return {"status": run.status}


@task()
def mail_correction(report_pk: int, *, language: str) -> bool:
    """Mail a reported error in a record to the coordinators (services.emails.queue_correction_mail)."""
    from services.emails import send_correction_mail

    return send_correction_mail(report_pk, language=language)
