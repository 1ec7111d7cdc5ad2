"""Every tracked record gets a first history version: rows made by bulk creation (the registry import, demo
data) had none, so a coordinator's first edit could not be reverted. Idempotent (rows with a version are
skipped), chunked INSERT … SELECT (see core.history)."""

from django.db import migrations


def add_initial_versions(apps, schema_editor):
    from core.history import add_all_initial_versions

    add_all_initial_versions(apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):

    dependencies = [
        ("portal", "0001_initial"),
        ("coalitions", "0002_minutes_reopen_reason"),
        ("services", "0006_history"),
    ]

    operations = [migrations.RunPython(add_initial_versions, migrations.RunPython.noop, elidable=True)]
