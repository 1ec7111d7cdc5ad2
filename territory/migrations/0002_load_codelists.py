from django.db import migrations


def load(apps, schema_editor):
    from territory.loader import load_territory

    names = ("Kraj", "Okres", "Orp", "Obec")
    load_territory(models=[apps.get_model("territory", name) for name in names])


class Migration(migrations.Migration):
    """Loads the real ČSÚ codelists (14 kraje, 77 okresy, 206 ORP, 6,258 obcí with population)."""

    dependencies = [("territory", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
