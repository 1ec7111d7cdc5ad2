from django.db import migrations


def load(apps, schema_editor):
    from services.codelists import load_codelists

    load_codelists(models=[apps.get_model("services", name) for name in ("ServiceType", "TargetGroup", "AgeGroup")])


TRIGRAM_INDEX = ("CREATE INDEX IF NOT EXISTS services_service_search_trgm "
                 "ON services_service USING gin (search_text gin_trgm_ops)")


def create_trigram_index(apps, schema_editor):
    # PostgreSQL only: typo-tolerant search (pg_trgm, created in portal 0001). SQLite searches by LIKE.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGRAM_INDEX)


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS services_service_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("services", "0001_initial")]

    operations = [
        migrations.RunPython(load, migrations.RunPython.noop),
        migrations.RunPython(create_trigram_index, drop_trigram_index),
    ]
