from django.core.management.base import BaseCommand

from services.emails import REMINDER_INTERVAL_DAYS, send_capacity_reminders


class Command(BaseCommand):
    help = ("E-mail provider staff whose services' free-place figures are missing or older than "
            f"CAPACITY_REPORT_MAX_AGE_DAYS (each person at most once in {REMINDER_INTERVAL_DAYS} days). "
            "Run it daily from cron; a second run, or a run on another node, sends nothing twice.")

    def handle(self, **options):
        mails = send_capacity_reminders()
        self.stdout.write(f"Capacity reminders: {mails} e-mail(s) sent.")
