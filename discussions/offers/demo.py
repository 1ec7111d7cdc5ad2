"""Demo board of offers and requests: realistic Czech items in the home kraj, a few expired or resolved."""

import datetime as dt

from django.utils import timezone

from discussions.offers.models import Offer
from services.models import ServiceType
from territory.models import Orp, home_kraj

ITEMS = [
    ("offer", "service", 7, "Volné místo v chráněném bydlení od ledna",
     "Od 1. ledna uvolňujeme **jedno místo** v chráněném bydlení pro dospělé s mentálním postižením. "
     "Zájemci nebo jejich opatrovníci nás mohou kontaktovat přes formulář, rádi domluvíme návštěvu."),
    ("request", "cooperation", None, "Hledáme partnera pro projekt sdílené péče",
     "Připravujeme projekt podpory pečujících v domácnosti (OPZ+). Hledáme **pečovatelskou službu** "
     "nebo odlehčovací službu v ORP, která by se zapojila do pilotního ověření."),
    ("offer", "education", None, "Nabízíme stáž pro sociální pracovníky obcí",
     "Terénní tým nabízí dvoudenní stáže: práce s lidmi v bytové nouzi, spolupráce s úřadem práce, "
     "krizové bydlení. Termíny průběžně, kapacita 2 osoby na termín."),
    ("request", "volunteering", None, "Dobrovolníci na doprovody seniorů k lékaři",
     "Domov pro seniory hledá dobrovolníky na doprovody klientů k lékaři a na procházky, "
     "1–2 hodiny týdně. Proškolení a pojištění zajistíme."),
    ("offer", "premises", None, "Volná místnost pro skupinová setkání",
     "Nabízíme bezplatně místnost pro 15 lidí s bezbariérovým přístupem, vhodnou pro svépomocné skupiny "
     "a setkání pečujících. Volné středy odpoledne."),
    ("request", "service", 20, "Hledáme azylové ubytování pro matku se dvěma dětmi",
     "Sociální pracovnice obce hledá volné místo v **azylovém domě pro rodiny s dětmi** v kraji, "
     "nástup možný ihned. Prosíme o kontakt přes formulář."),
    ("offer", "other", None, "Darujeme polohovací lůžka",
     "Po obnově vybavení darujeme 3 polohovací lůžka v dobrém stavu organizaci, která je využije. "
     "Odvoz vlastní."),
    ("request", "education", None, "Supervizor pro tým sociálně aktivizační služby",
     "Hledáme externího supervizora s akreditací pro týmovou supervizi jednou za dva měsíce."),
]


def seed(ctx) -> None:
    kraj = home_kraj()
    people = [person for person in ctx.data.get("people", []) if person.is_verified]
    if kraj is None or not people:
        return
    orps = list(Orp.objects.filter(kraj=kraj).order_by("code"))
    types = {t.number: t for t in ServiceType.objects.filter(number__isnull=False)}
    today, now = timezone.localdate(), timezone.now()
    offers = []
    repeats = 1 if ctx.scale == "demo" else 20
    for round_number in range(repeats):
        for number, (kind, topic, type_number, title, text) in enumerate(ITEMS):
            author = ctx.rng.choice(people)
            age_days = ctx.rng.randint(0, 50)
            offer = Offer(kind=kind, topic=topic, service_type=types.get(type_number) if type_number else None,
                          title=title, text=text, kraj=kraj, orp=ctx.rng.choice(orps) if number % 3 else None,
                          organisation=author.organisation, author=author,
                          created_at=now - dt.timedelta(days=age_days),
                          valid_until=today + dt.timedelta(days=ctx.rng.randint(10, 90)))
            if round_number == 0 and number == 6:  # one item expired, one resolved: kept, not shown
                offer.valid_until = today - dt.timedelta(days=3)
            if round_number == 0 and number == 7:
                offer.resolved_at = now - dt.timedelta(days=1)
            offers.append(offer)
    Offer.objects.bulk_create(offers)
    ctx.data["offers"] = len(offers)
