from django.core.management.base import BaseCommand

from education.emails import send_due_term_reminders


class Command(BaseCommand):
    help = ("Remind the people registered for a term of an education programme that starts within 48 hours, "
            "with its calendar entry. Run it hourly from cron; each term is reminded once, even when nodes run "
            "it in parallel.")

    def handle(self, **options):
        terms, mails = send_due_term_reminders()
        self.stdout.write(f"Reminded {terms} term(s): {mails} e-mail(s) sent.")
