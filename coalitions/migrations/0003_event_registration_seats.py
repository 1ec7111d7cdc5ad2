"""Event registrations on core.registrations: a status (every row so far was a registration with a seat: the old
table kept no cancelled or waiting rows) and the attendance the organiser confirms."""

import django.utils.timezone
from django.db import migrations, models


def existing_rows_are_registered(apps, schema_editor):
    apps.get_model("coalitions", "EventRegistration").objects.update(status="registered")


class Migration(migrations.Migration):

    dependencies = [
        ('coalitions', '0002_minutes_reopen_reason'),
    ]

    operations = [
        migrations.AddField(
            model_name='eventregistration',
            name='attended',
            field=models.BooleanField(blank=True, null=True, verbose_name='attended'),
        ),
        migrations.AddField(
            model_name='eventregistration',
            name='status',
            field=models.CharField(choices=[('registered', 'registered'), ('waiting', 'on the waiting list'), ('apologised', 'apologised'), ('cancelled', 'cancelled')], default='cancelled', max_length=12, verbose_name='status'),
        ),
        migrations.RunPython(existing_rows_are_registered, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='eventregistration',
            name='registered_at',
            field=models.DateTimeField(default=django.utils.timezone.now, verbose_name='registered at'),
        ),
    ]
