"""Every tracked record has a first history version, whichever path created it: bulk creation in the demo
data, rows from before (the data migration portal 0002 backfills them), and the first edit of a bulk-created
record can be reverted in the admin.

The models are found, not listed: every model with simple-history's HistoricalRecords (a model tracked later
is checked without changing this file). The registry import is not exercised here: it is being changed to
write its versions with bulk_create_with_history (services/importers)."""

import datetime as dt
from importlib import import_module

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone, translation
from simple_history.models import registered_models

from coalitions.models import Coalition, Minutes
from core.history import add_initial_versions, tracked_models
from services.models import CapacityReport, NetworkTarget, Provider, RegisteredCapacity, Service
from territory.models import Obec, home_kraj
from tests.coalitions.factories import CoalitionFactory, MeetingFactory
from tests.services.factories import make_service

pytestmark = pytest.mark.django_db

migration = import_module("portal.migrations.0002_initial_history_versions")


def rows_without_history(model, historical):
    pk = model._meta.pk.name
    return model._base_manager.exclude(pk__in=historical._base_manager.values(pk))


def test_every_model_with_history_is_found():
    found = {model for model, _historical in tracked_models()}
    assert found == {model for model in registered_models.values() if not model._meta.auto_created}
    assert {Provider, Service, RegisteredCapacity, CapacityReport, NetworkTarget, Coalition, Minutes} <= found
    for model, historical in tracked_models():
        assert model.history.model is historical


def test_every_tracked_record_of_the_demo_data_has_a_first_version():
    call_command("seed_demo", allow_production=True, verbosity=0)
    checked = 0
    for model, historical in tracked_models():
        assert not rows_without_history(model, historical).exists(), f"{model._meta.label} without history"
        checked += model._base_manager.count()
    assert checked > 1000  # the demo data set was there (services, capacities, reports, coalitions…)


def _ico(body: str) -> str:
    total = sum(int(digit) * weight for digit, weight in zip(body, range(8, 1, -1), strict=True))
    return body + str((11 - total % 11) % 10)


def _bulk_created_rows():
    """Rows as a bulk import or old data leaves them: written without any history version."""
    provider = make_service(free_places=2).provider
    Provider.history.all().delete()
    Service.history.all().delete()
    RegisteredCapacity.history.all().delete()
    CapacityReport.history.all().delete()
    obec = Obec.objects.get(pk=532053)
    made = Provider.objects.bulk_create([
        Provider(ico=_ico(f"{7300000 + n:07d}"), name=f"Hromadně založený {n}", obec=obec) for n in range(1, 6)])
    coalition = CoalitionFactory()
    MeetingFactory(coalition=coalition)
    Coalition.history.all().delete()
    return provider, made, coalition


def test_the_backfill_migration_adds_one_first_version_per_record_and_is_idempotent():
    provider, made, coalition = _bulk_created_rows()
    state_apps = MigrationExecutor(connection).loader.project_state(
        ("portal", "0002_initial_history_versions")).apps
    schema_editor = type("SchemaEditor", (), {"connection": connection})()

    migration.add_initial_versions(state_apps, schema_editor)
    for model, historical in tracked_models():
        assert not rows_without_history(model, historical).exists(), model._meta.label
    first = Provider.history.get(id=made[0].pk)
    assert (first.history_type, first.name, first.obec_id, first.history_user) == (
        "+", "Hromadně založený 1", 532053, None)
    assert first.history_date == Provider.objects.get(pk=made[0].pk).updated_at  # when the row was written
    assert Coalition.history.get(id=coalition.pk).history_date == coalition.created_at
    counts = {model: historical._base_manager.count() for model, historical in tracked_models()}

    migration.add_initial_versions(state_apps, schema_editor)  # again: nothing more
    assert counts == {model: historical._base_manager.count() for model, historical in tracked_models()}


def test_backfill_works_in_chunks():
    _provider, made, _coalition = _bulk_created_rows()
    added = add_initial_versions(Provider, chunk_size=2)
    assert added == Provider.objects.count() and Provider.history.count() == added
    assert add_initial_versions(Provider, chunk_size=2) == 0
    assert add_initial_versions(Provider, when=timezone.now() - dt.timedelta(days=1)) == 0


def _form_data(form) -> dict:
    """The POST data of an admin form as it is shown (what pressing its button sends)."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        if value is True:
            data[name] = "on"
        elif isinstance(value, (list, tuple)):
            data[name] = [str(item) for item in value]
        else:
            data[name] = value
    return data


def test_the_first_edit_of_a_bulk_created_record_can_be_reverted_in_the_admin(client, coordinator):
    _provider, made, _coalition = _bulk_created_rows()
    add_initial_versions(Provider)  # what the demo data and the migration do after bulk creation
    provider = Provider.objects.get(pk=made[0].pk)
    assert provider.obec.orp.kraj == home_kraj()
    client.force_login(coordinator)
    with translation.override("en"):
        change = reverse("admin:services_provider_change", args=[provider.pk])
    form = client.get(change).context["adminform"].form
    response = client.post(change, {**_form_data(form), "name": "Přejmenovaný poskytovatel"})
    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    assert Provider.objects.get(pk=provider.pk).name == "Přejmenovaný poskytovatel"

    first = Provider.history.filter(id=provider.pk).order_by("history_id").first()
    assert first.history_type == "+"
    with translation.override("en"):
        revert = reverse("admin:services_provider_simple_history", args=[provider.pk, first.history_id])
    form = client.get(revert).context["adminform"].form
    response = client.post(revert, _form_data(form))
    assert response.status_code == 302
    assert Provider.objects.get(pk=provider.pk).name == "Hromadně založený 1"
    newest = Provider.history.filter(id=provider.pk).order_by("-history_id").first()
    assert newest.history_user == coordinator and newest.name == "Hromadně založený 1"
