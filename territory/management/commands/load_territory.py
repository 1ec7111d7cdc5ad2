from django.core.management.base import BaseCommand

from territory.loader import load_territory


class Command(BaseCommand):
    help = "Load or refresh the kraj/okres/ORP/obec codelists and population from territory/data/ (idempotent)."

    def handle(self, **options):
        counts = load_territory()
        self.stdout.write(", ".join(f"{name}: {count}" for name, count in counts.items()))
