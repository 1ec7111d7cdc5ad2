from django.core.management.base import BaseCommand

from families.emails import send_pending_notices


class Command(BaseCommand):
    help = ("Mail OSPOD workers and provider staff what happened on their requests and offers, at most one mail "
            "per person every FAMILIES_NOTIFICATION_MINUTES. Run every few minutes; safe on several nodes at once.")

    def handle(self, **options):
        sent = send_pending_notices()
        self.stdout.write(f"Sent {sent} families notification(s).")
