"""Demo registry: invented providers and services in real municipalities, with two years of capacity history.

Scale "demo": ~400 services in the home kraj. Scale "national": ~7,000 services in all kraje (in
proportion to population), ~19,000 facilities and ~400,000 capacity reports, for benchmarks. Every name
of a provider is invented (no real organisation is made to run a made-up service).
"""

import csv
import datetime as dt
import math
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

from django.db.models import Sum
from django.utils import timezone

from core.history import add_initial_versions
from core.text import normalize_search_text
from services.cache import bump_generation
from services.models.capacity import implausibility
from services.models import (AgeGroup, CapacityReport, CapacityUnit, Facility, Form, NetworkTarget, Provider,
                             ProviderStaff, RegisteredCapacity, SavedSearch, Service, ServiceForm, ServiceType,
                             TargetGroup)
from territory.models import Kraj, Obec, Orp, home_kraj

DATA_DIR = Path(__file__).resolve().parent / "data"

# Per scale: services, providers, days between capacity reports, whether all kraje take part.
SIZES = {
    "demo": {"services": 400, "providers": 120, "report_every_days": 30, "national": False},
    "national": {"services": 7000, "providers": 2200, "report_every_days": 13, "national": True},
}

# Druh number → (weight in the national registry, name of one such service, target groups, age groups)
TYPES = {
    1: (600, "Odborné sociální poradenství", [19, 4, 6, 24, 23], [8, 9, 10]),
    3: (220, "Osobní asistence", [17, 15, 24, 13], [7, 8, 9, 10, 11]),
    4: (700, "Pečovatelská služba", [24, 17, 11], [9, 10, 11]),
    5: (30, "Tísňová péče", [24, 17], [10, 11]),
    6: (20, "Průvodcovská a předčitatelská služba", [18, 24], [9, 10, 11]),
    7: (100, "Podpora samostatného bydlení", [14, 10], [8, 9]),
    8: (350, "Odlehčovací služba", [24, 26, 17, 30], [9, 10, 11]),
    9: (50, "Centrum denních služeb", [17, 24], [9, 10]),
    10: (280, "Denní stacionář", [24, 30, 14], [8, 9, 10, 11]),
    11: (60, "Týdenní stacionář", [24, 14], [9, 10, 11]),
    12: (200, "Domov pro osoby se zdravotním postižením", [14, 13, 15], [7, 8, 9, 10]),
    13: (530, "Domov pro seniory", [24, 11], [10, 11]),
    14: (380, "Domov se zvláštním režimem", [30, 24, 10], [9, 10, 11]),
    15: (230, "Chráněné bydlení", [14, 10, 13], [8, 9, 10]),
    16: (120, "Sociální lůžka", [24, 11, 27], [9, 10, 11]),
    17: (50, "Raná péče", [23, 17, 13], [1, 2, 3, 4]),
    18: (40, "Linka důvěry", [19, 1], [6, 7, 8, 9, 10]),
    19: (20, "Tlumočnická služba", [16], [8, 9, 10]),
    20: (220, "Azylový dům", [7, 23, 4], [8, 9, 10]),
    21: (30, "Dům na půl cesty", [8, 1], [7, 8]),
    22: (60, "Kontaktní centrum", [25, 20], [7, 8, 9]),
    23: (50, "Krizová pomoc", [19, 4, 6], [7, 8, 9, 10]),
    24: (70, "Nízkoprahové denní centrum", [7, 20], [8, 9, 10]),
    25: (230, "Nízkoprahový klub", [1, 21], [5, 6, 7, 8]),
    26: (70, "Noclehárna", [7], [8, 9, 10]),
    27: (50, "Následná péče", [25, 10], [8, 9]),
    28: (450, "Sociálně aktivizační služba pro rodiny s dětmi", [23, 21], [4, 5, 6, 7, 8, 9]),
    29: (250, "Aktivizační centrum pro seniory", [24, 17], [10, 11]),
    30: (110, "Sociálně terapeutická dílna", [14, 10, 13], [8, 9]),
    31: (20, "Terapeutická komunita", [25], [8, 9]),
    32: (200, "Terénní program", [25, 20, 21, 7], [7, 8, 9]),
    33: (420, "Sociální rehabilitace", [10, 14, 17], [8, 9, 10]),
}
PROVIDER_PATTERNS = [
    ("Charita {town}", "evidovaná církevní právnická osoba"),
    ("Diakonie – středisko {town}", "evidovaná církevní právnická osoba"),
    ("Centrum sociálních služeb {town}, příspěvková organizace", "příspěvková organizace"),
    ("Domov {town}, poskytovatel sociálních služeb", "příspěvková organizace"),
    ("Sociální služby města {town}", "příspěvková organizace"),
    ("Spolek Náruč {town}, z. s.", "spolek"),
    ("Rodinné centrum Jablíčko {town}, z. ú.", "ústav"),
    ("Most k lidem {town}, o. p. s.", "obecně prospěšná společnost"),
    ("Sdružení Krok za krokem {town}, z. s.", "spolek"),
    ("Senior centrum {town}, z. ú.", "ústav"),
]
UNIT_RANGES = {  # registered maximum per unit
    CapacityUnit.BEDS: (8, 110), CapacityUnit.CLIENTS: (4, 80), CapacityUnit.INTERVENTIONS: (200, 3000),
    CapacityUnit.CONTACTS: (500, 6000), CapacityUnit.CALLS: (1500, 12000),
}
FREE_OF_CHARGE = {1, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 30, 31, 32, 33}


def _unit_for(number: int, form: str) -> str:
    if number == 18:
        return CapacityUnit.CALLS
    if form == Form.RESIDENTIAL:
        return CapacityUnit.BEDS
    if number in (1, 23):
        return CapacityUnit.INTERVENTIONS
    if number in (22, 24, 25, 32):
        return CapacityUnit.CONTACTS
    return CapacityUnit.CLIENTS


def _valid_ico(rng) -> str:
    """An IČO that passes services.models.validate_ico (the same mod-11 rule)."""
    body = f"{rng.randrange(0, 10_000_000):07d}"
    total = sum(int(d) * w for d, w in zip(body, range(8, 1, -1), strict=True))
    return body + str((11 - total % 11) % 10)


def _weighted_obce(kraje, rng):
    """Obce of the kraje with weights (population, at least 1) for choosing where services are."""
    obce = list(Obec.objects.filter(orp__kraj__in=kraje).select_related("orp").only(
        "code", "name", "population", "orp__code", "orp__kraj_id", "orp__name"))
    weights = [max(o.population or 0, 50) ** 1.15 for o in obce]  # towns attract more services
    return obce, weights


def seed(ctx) -> None:
    size = SIZES[ctx.scale]
    rng = ctx.rng
    today = timezone.localdate()
    home = home_kraj()
    kraje = list(Kraj.objects.all()) if size["national"] else [home]
    obce, weights = _weighted_obce(kraje, rng)
    centres = {int(r["orp_code"]): (Decimal(r["latitude"]), Decimal(r["longitude"]), r["town"])
               for r in csv.DictReader(open(DATA_DIR / "demo_town_centres.csv", encoding="utf-8"))}
    types = {t.number: t for t in ServiceType.objects.filter(known=True)}
    targets = {t.number: t for t in TargetGroup.objects.all()}
    ages = {a.number: a for a in AgeGroup.objects.all()}
    staff = next((p for p in ctx.data.get("people", []) if p.email == "poskytovatel@demo.invalid"), None)
    coordinator = next((p for p in ctx.data.get("people", []) if p.email == "koordinator@demo.invalid"), None)

    # Providers, seated in towns (weighted choice), invented names.
    providers, used_names, used_icos = [], set(), set()
    while len(providers) < size["providers"]:
        obec = rng.choices(obce, weights)[0]
        pattern, legal_form = rng.choice(PROVIDER_PATTERNS)
        name = pattern.format(town=obec.name)
        ico = _valid_ico(rng)
        if name in used_names or ico in used_icos:
            continue
        used_names.add(name)
        used_icos.add(ico)
        slug = normalize_search_text(obec.name).replace(" ", "")[:20]
        providers.append(Provider(
            ico=ico, name=name, legal_form=legal_form, obec=obec,
            address=f"{rng.choice(['Náměstí Míru', 'Husova', 'Nádražní', 'Školní', 'Palackého'])} "
                    f"{rng.randint(1, 999)}, {obec.name}",
            web=f"https://{slug}-{len(providers)}.example.cz", email=f"info@{slug}-{len(providers)}.example.cz",
            phone=f"+420 {rng.randint(200, 599)} {rng.randint(100, 999)} {rng.randint(100, 999)}"))
    Provider.objects.bulk_create(providers, batch_size=2000)
    providers = list(Provider.objects.filter(ico__in=used_icos).select_related("obec__orp"))
    providers_by_orp = defaultdict(list)
    for provider in providers:
        providers_by_orp[provider.obec.orp_id].append(provider)
    orps = list(Orp.objects.filter(kraj__in=kraje))

    # Services with their forms, capacities, facilities, target/age groups and served territory.
    numbers = list(TYPES)
    type_weights = [TYPES[n][0] for n in numbers]
    services, plans = [], []
    for index in range(size["services"]):
        number = rng.choices(numbers, type_weights)[0]
        service_type = types[number]
        obec = rng.choices(obce, weights)[0]
        local = providers_by_orp.get(obec.orp_id)
        provider = rng.choice(local) if local and rng.random() < 0.8 else rng.choice(providers)
        allowed = service_type.forms.split() or ["amb"]
        forms = sorted(set(rng.sample(allowed, k=rng.randint(1, len(allowed)))))
        ended = rng.random() < 0.08
        valid_from = dt.date(rng.randint(2007, 2024), rng.randint(1, 12), 1)
        valid_to = today - dt.timedelta(days=rng.randint(30, 1500)) if ended else None
        if valid_to and valid_to < valid_from:
            valid_from = valid_to - dt.timedelta(days=365)
        town = obec.name
        name = f"{TYPES[number][1]} {town}"
        fee = ("Služba je poskytována bez úhrady." if number in FREE_OF_CHARGE
               else "Úhrada podle platného ceníku a vyhlášky č. 505/2006 Sb.")
        services.append(Service(
            registry_id=f"{1000000 + index * 7 + rng.randint(0, 6)}", portal_id=100000 + index,
            provider=provider, service_type=service_type, name=name,
            description=(f"{TYPES[number][1]} v obci {town} a okolí. Pomáháme lidem zvládat každodenní život "
                         f"a zůstat co nejdéle součástí svého prostředí."),
            how_to_get=(f"Zájemci se mohou obrátit na sociální pracovnici poskytovatele ({provider.phone}, "
                        f"{provider.email}). {fee}"),
            valid_from=valid_from, valid_to=valid_to, web=provider.web, email=provider.email, phone=provider.phone))
        plans.append((number, obec, forms))
    # A service's registry id must be unique; resolve the rare collisions of the random offset.
    seen = set()
    for service in services:
        while service.registry_id in seen:
            service.registry_id = str(int(service.registry_id) + 1)
        seen.add(service.registry_id)
    Service.objects.bulk_create(services, batch_size=2000)
    services = list(Service.objects.filter(portal_id__gte=100000).order_by("portal_id"))

    service_forms, capacities, facilities = [], [], []
    tg_links, ag_links, orp_links = [], [], []
    TG, AG, SO = Service.target_groups.through, Service.age_groups.through, Service.served_orps.through
    facility_names = defaultdict(list)
    lines = []  # (service, form, unit, maximum)
    for service, (number, obec, forms) in zip(services, plans, strict=True):
        service.orp_id = obec.orp_id  # the first facility is in this obec
        for form in forms:
            unit = _unit_for(number, form)
            low, high = UNIT_RANGES[unit]
            maximum = rng.randint(low, high)
            service_forms.append(ServiceForm(service=service, form=form, nonstop=form == Form.RESIDENTIAL,
                                             hours=[] if form == Form.RESIDENTIAL else
                                             [{"day": d, "from": "08:00", "to": "16:00"} for d in range(1, 6)]))
            capacities.append(RegisteredCapacity(
                service=service, form=form, unit=unit, maximum=maximum,
                description=f"Maximální kapacita {maximum} s účinností od {service.valid_from.day}. {service.valid_from.month}. {service.valid_from.year}."))
            lines.append((service, form, unit, maximum))
        count = max(1, min(6, round(rng.gauss(2.7, 1.3))))
        places = [obec] + [rng.choices(obce, weights)[0] if rng.random() < 0.3 else obec for _ in range(count - 1)]
        for position, place in enumerate(places):
            centre = centres.get(place.orp_id) if place.name == centres.get(place.orp_id, (0, 0, ""))[2] else None
            hidden = number == 20 and rng.random() < 0.3  # some shelters keep their address secret
            name = service.name if position == 0 else f"{service.name} – pracoviště {place.name} {position}"
            facilities.append(Facility(
                service=service, name=name, obec=place, postcode=f"{rng.randint(250, 299)} {rng.randint(1, 99):02d}",
                address="" if hidden else f"{rng.choice(['Komenského', 'Jiráskova', 'Tyršova', 'Sokolská'])} "
                                          f"{rng.randint(1, 2500)}, {place.name}",
                address_hidden=hidden, forms=" ".join(forms),
                latitude=None if hidden or centre is None else centre[0] + Decimal(rng.randint(-90, 90)) / 10000,
                longitude=None if hidden or centre is None else centre[1] + Decimal(rng.randint(-130, 130)) / 10000,
                valid_from=service.valid_from, valid_to=service.valid_to))
            facility_names[service.pk].append(name)
        tg_links += [TG(service_id=service.pk, targetgroup_id=targets[n].pk)
                     for n in rng.sample(TYPES[number][2], k=rng.randint(1, len(TYPES[number][2])))]
        ag_links += [AG(service_id=service.pk, agegroup_id=ages[n].pk) for n in TYPES[number][3]]
        if Form.FIELD in forms:  # field services serve their ORP and often neighbours in the kraj
            served = {obec.orp_id} | {o.code for o in rng.sample(orps, k=rng.randint(0, 2))
                                      if o.kraj_id == obec.orp.kraj_id}
            orp_links += [SO(service_id=service.pk, orp_id=code) for code in served]
    ServiceForm.objects.bulk_create(service_forms, batch_size=5000)
    RegisteredCapacity.objects.bulk_create(capacities, batch_size=5000)
    Facility.objects.bulk_create(facilities, batch_size=5000)
    TG.objects.bulk_create(tg_links, batch_size=5000)
    AG.objects.bulk_create(ag_links, batch_size=5000)
    SO.objects.bulk_create(orp_links, batch_size=5000)

    # Capacity history: a report every few weeks over two years; most services report regularly.
    reports, newest = [], {}
    start = today - dt.timedelta(days=730)
    step = size["report_every_days"]
    for service, form, unit, maximum in lines:
        if service.valid_to or rng.random() < 0.12:  # ended services and some never report
            continue
        stale_days = 0 if rng.random() < 0.75 else rng.randint(35, 200)  # a quarter stopped reporting
        residential = unit == CapacityUnit.BEDS
        free = rng.randint(0, max(1, maximum // 5))
        waiting = rng.randint(20, 300) if residential else rng.randint(0, 15)
        day = start + dt.timedelta(days=rng.randint(0, step - 1))
        previous = None
        while day <= today - dt.timedelta(days=stale_days):
            if residential:
                free = max(0, min(maximum, free + rng.choice([-1, 0, 0, 1])))
                waiting = max(0, waiting + rng.randint(-8, 10))
            else:
                free = max(0, min(maximum, free + rng.randint(-3, 3)))
                waiting = max(0, waiting + rng.randint(-2, 2))
            # Now and then a typo (an extra zero in the waiting list), corrected by the next report.
            reported_waiting = waiting * 10 + rng.randint(0, 9) if rng.random() < 0.004 else waiting
            created = timezone.make_aware(dt.datetime.combine(day, dt.time(9)))
            report = CapacityReport(service=service, form=form, unit=unit, free_places=free,
                                    waiting_list=reported_waiting, as_of=day, reported_by=staff, created_at=created)
            # The same rule as CapacityReport.record(); the coordinator has gone through what is older than three
            # weeks (plausible figures in bulk, implausible ones after a look), the rest waits as it would.
            report.attention = implausibility(free_places=free, waiting_list=reported_waiting, maximum=maximum,
                                              previous=previous)
            if day < today - dt.timedelta(days=21) and coordinator is not None:
                report.verified_by, report.verified_at = coordinator, created + dt.timedelta(days=rng.randint(1, 5))
            reports.append(report)
            previous = report
            newest[(service.pk, form, unit)] = (free, reported_waiting, day)
            day += dt.timedelta(days=step + rng.randint(-3, 3))
    CapacityReport.objects.bulk_create(reports, batch_size=5000)
    lines_now = []
    for line in RegisteredCapacity.objects.filter(service__in=services).only("pk", "service_id", "form", "unit"):
        if (line.service_id, line.form, line.unit) in newest:
            line.free_places, line.waiting_list, line.reported_at = newest[(line.service_id, line.form, line.unit)]
            lines_now.append(line)
    RegisteredCapacity.objects.bulk_update(lines_now, ["free_places", "waiting_list", "reported_at"], batch_size=5000)

    # "Now" figures and the search text, computed here instead of per-service queries.
    current = defaultdict(lambda: [0, 0, None])
    for (service_pk, _form, _unit), (free, waiting, day) in newest.items():
        entry = current[service_pk]
        entry[0] += free
        entry[1] += waiting
        entry[2] = day if entry[2] is None else min(entry[2], day)
    provider_names = {p.pk: p.name for p in providers}
    type_names = {t.pk: t.name_cs for t in types.values()}
    for service in services:
        if service.pk in current:
            service.current_free_places, service.current_waiting_list, service.current_report_at = current[service.pk]
        parts = [service.name, provider_names[service.provider_id], type_names[service.service_type_id],
                 service.description, *facility_names[service.pk]]
        service.search_text = normalize_search_text(" ".join(parts))
    Service.objects.bulk_update(services, ["current_free_places", "current_waiting_list", "current_report_at",
                                           "search_text", "orp"], batch_size=2000)

    # Minimal-network targets for the home kraj's ORPs (per 1,000 inhabitants), set by its coordinator.
    norms = {13: (CapacityUnit.BEDS, 5.0), 14: (CapacityUnit.BEDS, 2.5), 20: (CapacityUnit.BEDS, 0.3),
             4: (CapacityUnit.CLIENTS, 3.0), 3: (CapacityUnit.CLIENTS, 0.8)}
    population = dict(Orp.objects.filter(kraj=home).annotate(people=Sum("obce__population"))
                      .values_list("code", "people"))
    NetworkTarget.objects.bulk_create([
        NetworkTarget(orp_id=code, service_type=types[number], unit=unit, set_by=coordinator,
                      target=max(1, math.ceil(people * per_thousand / 1000)),
                      note="Cíl podle střednědobého plánu rozvoje sociálních služeb (ukázka).")
        for code, people in population.items() for number, (unit, per_thousand) in norms.items()])
    _seed_staff_and_saved_search(ctx, services, types, staff=staff, coordinator=coordinator, home=home)
    # bulk_create writes no history: every tracked record gets its first version now, as seeded, so a
    # coordinator's first edit can be reverted (one INSERT … SELECT per chunk, see core.history).
    for model in (Provider, Service, RegisteredCapacity, CapacityReport, NetworkTarget):
        add_initial_versions(model)
    bump_generation()  # bulk writes send no signals: drop cached registry pages explicitly
    ctx.data["services"] = len(services)
    ctx.data["capacity_reports"] = len(reports)


def _seed_staff_and_saved_search(ctx, services, types, *, staff, coordinator, home) -> None:
    """The provider-staff login reports for the provider of the first active service (linked by the home
    coordinator); the verified professional keeps a saved search of shelters with free places, with alerts."""
    from services.emails import free_service_ids

    active = next((service for service in services if service.valid_to is None), None)
    if staff is not None and active is not None:
        ProviderStaff.objects.create(provider_id=active.provider_id, user=staff, added_by=coordinator)
        type(staff).objects.filter(pk=staff.pk).update(organisation=active.provider.name[:200])  # works there
        ProviderStaff.sync_role(staff)
    verified = next((p for p in ctx.data.get("people", []) if p.email == "overeny@demo.invalid"), None)
    if verified is not None and 20 in types:
        query = f"type={types[20].pk}&kraj={home.pk}&free=on"
        SavedSearch.objects.create(user=verified, name="Azylové domy v kraji s volnými místy", query=query,
                                   known_free=free_service_ids(query))

