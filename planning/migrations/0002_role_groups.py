from django.contrib.auth.management import create_permissions
from django.db import migrations


def create_groups(apps, schema_editor):
    from accounts.roles import ensure_groups

    # Permissions are normally created after all migrations ran; the planning coordinator's group needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    ensure_groups(apps)


class Migration(migrations.Migration):
    """The planning coordinator's role group and the planning permissions of the regional coordinators."""

    dependencies = [("planning", "0001_initial"), ("accounts", "0002_role_groups")]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
