"""Registry imports in the admin: uploads by coordinators run as a background task; reports per kraj."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from services.models import ImportRun, Service
from territory.models import home_kraj
from tests.coalitions.factories import english

SAMPLE = Path(__file__).resolve().parent / "data" / "rpss_sample.json"
UPLOAD = english(reverse("admin:services_importrun_upload"))

pytestmark = pytest.mark.django_db


def upload(client, content: bytes, *, name="rpss.json", kraje=None):
    data = {"file": SimpleUploadedFile(name, content, content_type="application/json"),
            "kraje": kraje if kraje is not None else [home_kraj().pk]}
    return client.post(UPLOAD, data)


def confirm(client, run, **data):
    return client.post(english(reverse("admin:services_importrun_confirm", args=[run.pk])), data)


def test_a_coordinator_uploads_a_file_and_sees_the_report(client, coordinator, django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    assert b"Import a registry file" in client.get(english(reverse("admin:services_importrun_changelist"))).content

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = upload(client, SAMPLE.read_bytes())

    # the preview is queued once, and only once the upload is stored
    assert sum("run_registry_import" in repr(callback) for callback in callbacks) == 1
    run = ImportRun.objects.get()
    assert response.status_code == 302
    assert response["Location"] == english(reverse("admin:services_importrun_change", args=[run.pk]))
    assert run.source == ImportRun.Source.UPLOAD and run.started_by == coordinator
    assert run.file.name.startswith("imports/")
    assert run.status == ImportRun.Status.DONE and run.dry_run and run.preview  # the immediate backend ran it
    assert Service.objects.count() == 0  # a preview only
    html = client.get(response["Location"]).content.decode()
    assert "Preview: nothing has been changed yet" in html and "Services to be created: 21" in html
    assert "Confirm and apply" in html

    with django_capture_on_commit_callbacks(execute=True):
        assert confirm(client, run).status_code == 302
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE and not run.dry_run and run.confirmed_by == coordinator
    assert Service.objects.count() == 21  # the Středočeský kraj's services only
    html = client.get(response["Location"]).content.decode()
    assert "Rows by outcome" in html and "Services" in html and ">21<" in html
    assert "No problems." in html and "Confirm and apply" not in html


def test_a_failed_upload_import_is_reported_on_its_page(client, coordinator, django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, SAMPLE.read_bytes()[:4000])

    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.FAILED and Service.objects.count() == 0
    html = client.get(english(reverse("admin:services_importrun_change", args=[run.pk])))
    assert "nothing was changed" in html.content.decode() and "ends too early" in html.content.decode()


def test_the_coordinator_of_another_region_does_not_see_the_run(client, coordinator, other_region_coordinator,
                                                                django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, SAMPLE.read_bytes())
    run = ImportRun.objects.get()

    client.force_login(other_region_coordinator)
    changelist = client.get(english(reverse("admin:services_importrun_changelist")))
    assert changelist.status_code == 200
    assert english(reverse("admin:services_importrun_change", args=[run.pk])) not in changelist.content.decode()
    page = client.get(english(reverse("admin:services_importrun_change", args=[run.pk])))
    assert page.status_code in (302, 404)  # "does not exist": the admin's redirect, or not found
    assert confirm(client, run).status_code == 404
    assert client.get(english(reverse("admin:services_importrun_progress", args=[run.pk]))).status_code == 404
    assert not Service.objects.exists()


def test_a_full_run_is_visible_to_every_coordinator(client, other_region_coordinator):
    run = ImportRun.objects.create(file_name="rpss.json", status=ImportRun.Status.DONE)
    client.force_login(other_region_coordinator)
    assert client.get(english(reverse("admin:services_importrun_change", args=[run.pk]))).status_code == 200


def test_a_coordinator_cannot_import_another_kraj(client, coordinator, other_region_coordinator):
    client.force_login(coordinator)
    foreign = other_region_coordinator.coordinated_kraje.get()
    response = upload(client, SAMPLE.read_bytes(), kraje=[foreign.pk])
    assert response.status_code == 400 and not ImportRun.objects.exists()
    assert upload(client, SAMPLE.read_bytes(), kraje=[]).status_code == 400  # must choose a kraj


@pytest.mark.parametrize("content, message", [
    (b"%PDF-1.7 binary", "must be a JSON object"),
    (b"", "empty"),
    ("{\"polozky\": []}".encode("utf-16"), "UTF-16"),
])
def test_non_json_uploads_are_refused_with_a_message(client, coordinator, content, message):
    client.force_login(coordinator)
    response = upload(client, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ImportRun.objects.exists()


def test_oversized_uploads_are_refused(client, coordinator, settings):
    settings.REGISTRY_IMPORT_MAX_BYTES = 2**20
    client.force_login(coordinator)
    response = upload(client, b'{"polozky": [' + b" " * (2**20 + 10) + b"]}")
    assert response.status_code == 400
    assert "at most 1 MB" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_people_without_the_role_cannot_upload(client, verified_user):
    client.force_login(verified_user)
    response = client.get(UPLOAD)
    assert response.status_code in (302, 403)  # not staff: the admin's login, or refused
    assert response.status_code == 403 or "login" in response["Location"]


def test_an_unconfirmed_upload_changes_nothing(client, coordinator, django_capture_on_commit_callbacks):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, SAMPLE.read_bytes())
    run = ImportRun.objects.get()
    assert run.dry_run and run.status == ImportRun.Status.DONE and run.counts["services"]["created"] == 21
    assert run.awaits_confirmation and len(run.changes["created"]) == 21
    assert Service.objects.count() == 0


@pytest.mark.django_db(transaction=True)  # the worker commits and closes its connections, as in production
def test_with_the_database_backend_the_upload_waits_for_the_worker(client, coordinator, settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    client.force_login(coordinator)
    upload(client, SAMPLE.read_bytes())
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.QUEUED and DBTaskResult.objects.count() == 1
    html = client.get(english(reverse("admin:services_importrun_change", args=[run.pk]))).content.decode()
    assert "has not finished yet" in html

    assert 'id="import-progress"' in html and "Waiting to start." in html  # the progress figure
    assert 'http-equiv="refresh"' in html  # refreshes without JavaScript (inside <noscript>)

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)  # what `manage.py db_worker` does

    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE and run.awaits_confirmation and Service.objects.count() == 0
    confirm(client, run)
    confirm(client, run)  # sent twice: queued once
    assert DBTaskResult.objects.count() == 2
    run.refresh_from_db()
    progress = client.get(english(reverse("admin:services_importrun_progress", args=[run.pk]))).json()
    assert progress["in_progress"] and progress["total"] == 40 and "of 40 items done" in progress["text"]
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    run.refresh_from_db()
    assert run.status == ImportRun.Status.DONE and Service.objects.count() == 21
