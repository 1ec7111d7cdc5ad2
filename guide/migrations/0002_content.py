"""The guide's first texts: about forty life situations in Czech and English (guide/content.py)."""

from django.db import migrations


def load(apps, schema_editor):
    from guide.loader import load_content

    load_content(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("guide", "0001_initial"),
        ("services", "0002_codelists_and_search_index"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
