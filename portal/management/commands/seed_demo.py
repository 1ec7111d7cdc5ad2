import time

from django.conf import settings
from django.core.cache import cache
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from portal import demo
from portal.context_processors import DEMO_CACHE_KEY
from portal.models import DemoDataset
from territory.loader import ensure_territory


class Command(BaseCommand):
    help = ("Fill the database with a deterministic demo data set (Czech names, real municipalities) and "
            "print the demo logins. Runs once: if demo data is already there, it only prints the logins.")

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(demo.SCALES), default="demo",
                            help="'demo' for the quick start, 'national' for benchmarks (≈7k services).")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (same seed, same data).")
        parser.add_argument("--allow-production", action="store_true",
                            help="Allow seeding while DEBUG is off (benchmarks on production settings).")

    def handle(self, *args, scale, seed, allow_production, **options):
        if not settings.DEBUG and not allow_production:
            raise CommandError("Refusing to create demo accounts with a known password while DEBUG is off; "
                               "pass --allow-production for a benchmark database.")
        existing = DemoDataset.objects.order_by("-loaded_at").first()
        if existing:
            self.stdout.write(f"Demo data already loaded ({existing}); nothing to do.")
            self._print_logins([])
            return
        started = time.monotonic()
        ensure_territory()
        with transaction.atomic():
            ctx = demo.build(scale=scale, seed=seed)
            DemoDataset.objects.create(scale=scale, seed=seed)
        cache.delete(DEMO_CACHE_KEY)
        self.stdout.write(self.style.SUCCESS(
            f"Demo data ({scale}, seed {seed}) loaded in {time.monotonic() - started:.1f} s."))
        self._print_logins(ctx.logins)

    def _print_logins(self, extra):
        from accounts.demo import DEMO_LOGINS

        self.stdout.write(f"\nDemo logins (password for all: {demo.DEMO_PASSWORD}):")
        for email, _groups, _staff, _superuser, description in DEMO_LOGINS:
            self.stdout.write(f"  {email:<34} {description}")
        for description, email in extra or []:
            self.stdout.write(f"  {email:<34} {description}")
