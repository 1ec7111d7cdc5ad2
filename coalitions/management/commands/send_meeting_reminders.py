from django.core.management.base import BaseCommand

from coalitions.emails import send_due_reminders


class Command(BaseCommand):
    help = ("Remind coalition members of published, planned meetings that start within 48 hours. "
            "Run it hourly from cron; each meeting is reminded once, even when nodes run it in parallel.")

    def handle(self, **options):
        meetings, mails = send_due_reminders()
        self.stdout.write(f"Reminded {meetings} meeting(s): {mails} e-mail(s) sent.")
