from django.core.management.base import BaseCommand

from services.emails import send_free_place_alerts


class Command(BaseCommand):
    help = ("Daily digest of saved searches: e-mail each person the services of their search that newly have "
            "free places (one e-mail per search, none when nothing is new). Run it daily from cron; each "
            "search is checked once a day, even when nodes run it in parallel.")

    def handle(self, **options):
        checked, mails = send_free_place_alerts()
        self.stdout.write(f"Free-place alerts: {checked} saved search(es) checked, {mails} e-mail(s) sent.")
