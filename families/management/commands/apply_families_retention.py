from django.core.management.base import BaseCommand

from families.retention import apply_retention, retention_days


class Command(BaseCommand):
    help = ("Remove the free text of requests for families' services that finished more than "
            "FAMILIES_RETENTION_DAYS ago (their records, offers, contracts, reports and history); the statistics "
            "stay. Run daily; idempotent.")

    def handle(self, **options):
        report = apply_retention()
        self.stdout.write(f"Retention {retention_days()} days. {report.summary()}")
