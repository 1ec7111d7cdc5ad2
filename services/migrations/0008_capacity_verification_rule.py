from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("services", "0007_import_trust"),
    ]

    operations = [
        migrations.AddField(
            model_name="capacityreport",
            name="attention",
            field=models.CharField(blank=True, db_default="", default="",
                                   help_text="Why the figures were held for a person's check; empty when plausible.",
                                   max_length=200, verbose_name="needs a look because"),
        ),
        migrations.AddField(
            model_name="capacityreport",
            name="auto_verified",
            field=models.BooleanField(db_default=False, default=False,
                                      help_text="Plausible figures of a provider the coordinators already trust (settings.CAPACITY_TRUST_AFTER).",
                                      verbose_name="verified automatically"),
        ),
        migrations.AddField(
            model_name="historicalcapacityreport",
            name="attention",
            field=models.CharField(blank=True, db_default="", default="",
                                   help_text="Why the figures were held for a person's check; empty when plausible.",
                                   max_length=200, verbose_name="needs a look because"),
        ),
        migrations.AddField(
            model_name="historicalcapacityreport",
            name="auto_verified",
            field=models.BooleanField(db_default=False, default=False,
                                      help_text="Plausible figures of a provider the coordinators already trust (settings.CAPACITY_TRUST_AFTER).",
                                      verbose_name="verified automatically"),
        ),
    ]
