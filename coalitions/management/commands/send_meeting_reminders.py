from django.core.management.base import BaseCommand

from coalitions.emails import send_due_event_reminders, send_due_reminders


class Command(BaseCommand):
    help = ("Remind coalition members of published, planned meetings that start within 48 hours, and the people "
            "registered for a portal event starting within 48 hours. Run it hourly from cron; each meeting and "
            "event is reminded once, even when nodes run it in parallel.")

    def handle(self, **options):
        meetings, mails = send_due_reminders()
        events, event_mails = send_due_event_reminders()
        self.stdout.write(f"Reminded {meetings} meeting(s): {mails} e-mail(s) sent; "
                          f"{events} event(s): {event_mails} e-mail(s) sent.")
