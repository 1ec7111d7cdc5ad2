from django.core.management.base import BaseCommand

from discussions.emails import send_pending_notifications


class Command(BaseCommand):
    help = ("Mail watchers about new forum posts, at most one mail per person and thread every "
            "FORUM_NOTIFICATION_MINUTES. Run every few minutes; safe on several nodes at once.")

    def handle(self, **options):
        sent = send_pending_notifications()
        self.stdout.write(f"Sent {sent} forum notification(s).")
