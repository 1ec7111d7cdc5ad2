from django.core.management.base import BaseCommand

from planning.models import Plan
from planning.tasks import snapshot_plans


class Command(BaseCommand):
    help = ("Keep today's registry value of every computed indicator of adopted plans and plans in force as a point "
            "of its history (run monthly from cron). Idempotent: a second run the same day replaces the values.")

    def handle(self, **options):
        written = snapshot_plans(Plan.objects.filter(state__in=[Plan.State.ADOPTED, Plan.State.IN_FORCE]))
        self.stdout.write(f"{written} indicator values kept.")
