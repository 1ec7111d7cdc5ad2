"""The demo data set behind `manage.py seed_demo`.

Deterministic: one seeded `random.Random` is passed through every app's seeder, in the order of
`SEEDERS`, so the same seed always builds the same people, providers, coalitions and posts. Each app
contributes a `demo.seed(ctx)` function as its models land; the context carries the sizes for the chosen
scale ("demo" for the quick start, "national" for benchmarks).
"""

import random
from dataclasses import dataclass, field
from importlib import import_module

from django.contrib.auth.hashers import make_password

DEMO_PASSWORD = "demo-heslo-2026"

# Sizes per scale; apps read the keys they need.
SCALES = {
    "demo": {"people": 40},
    "national": {"people": 5000},
}

# "module.function" seeders, run in this order (later apps use what earlier ones created).
SEEDERS = [
    "accounts.demo.seed",
    "services.demo.seed",
    "coalitions.demo.seed",
    "discussions.demo.seed",
    "discussions.offers.demo.seed",
    "planning.demo.seed",
    "network.demo.seed",
    "education.demo.seed",
    "families.demo.seed",
]

FIRST_NAMES_M = ["Jan", "Petr", "Josef", "Pavel", "Martin", "Tomáš", "Jaroslav", "Miroslav", "Zdeněk", "Václav",
                 "Michal", "František", "Jiří", "Karel", "Lukáš", "Ondřej", "Radek", "Vojtěch", "Štěpán", "Čestmír"]
FIRST_NAMES_F = ["Jana", "Marie", "Eva", "Hana", "Anna", "Lenka", "Kateřina", "Lucie", "Věra", "Alena",
                 "Petra", "Veronika", "Martina", "Jaroslava", "Tereza", "Michaela", "Zuzana", "Šárka", "Ivana", "Dana"]
# Surnames as (masculine, feminine).
SURNAMES = [("Novák", "Nováková"), ("Svoboda", "Svobodová"), ("Novotný", "Novotná"), ("Dvořák", "Dvořáková"),
            ("Černý", "Černá"), ("Procházka", "Procházková"), ("Kučera", "Kučerová"), ("Veselý", "Veselá"),
            ("Horák", "Horáková"), ("Němec", "Němcová"), ("Pokorný", "Pokorná"), ("Marek", "Marková"),
            ("Pospíšil", "Pospíšilová"), ("Hájek", "Hájková"), ("Jelínek", "Jelínková"), ("Král", "Králová"),
            ("Růžička", "Růžičková"), ("Beneš", "Benešová"), ("Fiala", "Fialová"), ("Sedláček", "Sedláčková"),
            ("Šimek", "Šimková"), ("Zeman", "Zemanová"), ("Kolář", "Kolářová"), ("Čermák", "Čermáková")]


@dataclass
class DemoContext:
    rng: random.Random
    scale: str
    sizes: dict
    password_hash: str
    logins: list[tuple[str, str]] = field(default_factory=list)  # (role description, e-mail)
    data: dict = field(default_factory=dict)  # what earlier seeders made, for later ones

    def person_name(self) -> tuple[str, str]:
        if self.rng.random() < 0.6:  # most social workers are women
            first, last = self.rng.choice(FIRST_NAMES_F), self.rng.choice(SURNAMES)[1]
        else:
            first, last = self.rng.choice(FIRST_NAMES_M), self.rng.choice(SURNAMES)[0]
        return first, last


def build(*, scale: str = "demo", seed: int = 2026) -> DemoContext:
    """Run every app's seeder and return the context (with the logins to print)."""
    ctx = DemoContext(rng=random.Random(seed), scale=scale, sizes=SCALES[scale],
                      password_hash=make_password(DEMO_PASSWORD))
    for path in SEEDERS:
        module_name, function = path.rsplit(".", 1)
        getattr(import_module(module_name), function)(ctx)
    return ctx
