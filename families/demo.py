"""Demo minitendry: two kraje over the last two years at the scale and proportions of the ministry's pilot.

The home kraj gets the profile of the pilot's Pardubický kraj (251 partial contracts: 33 residential, 74
counselling and diagnostics, 144 field and outpatient; CZK 15 million in total), a second kraj (Karlovarský, or
Pardubický when the portal serves Karlovarský) that of the pilot's Karlovarský kraj (145: 66 / 16 / 63; CZK 25
million). Around the contracts: the framework agreements (every ORP covered in every category), an OSPOD worker
at every ORP office, the offers of competing providers, monthly delivery reports, closures with their outcome,
some cancelled requests and a few open ones (the demo provider can offer on two; the demo OSPOD worker has
offers waiting for a choice). Every record is invented; the figures only mimic the pilot's totals.

Where the registry's demo has no services of the families' types (the second kraj at the "demo" scale), a few
providers and services are invented there. Children aged 0–17 per ORP are not in the data at hand: the demo
enters an estimate (19 % of the ORP's population), marked as such in its source, so the demand per 1,000
children can be shown. Fast: bulk inserts, no per-row queries in the loops; works on SQLite and PostgreSQL.
"""

import datetime as dt
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.db.models import Sum
from django.utils import timezone

from accounts import roles
from accounts.models import User
from core import pagecache
from core.history import add_initial_versions
from families.models import (
    Category,
    DeliveryReport,
    FrameworkAgreement,
    Offer,
    OspodAssignment,
    PartialContract,
    PriceUnit,
    ServiceRequest,
    add_months,
)
from families.retention import apply_retention
from network.demo import GROUP_NORMS
from network.models import AgeBand, MinimalNetworkNorm, OrpPopulation, ServiceTypeGroup
from services.models import Provider, Service
from territory.models import Kraj, Obec, Orp, home_kraj

RES, COUNS, FIELD = Category.RESIDENTIAL, Category.COUNSELLING, Category.FIELD
# The pilot's two kraje: contracts per category and the total value (CZK).
PILOT = [
    ({RES: 33, COUNS: 74, FIELD: 144}, Decimal(15_000_000)),  # Pardubický kraj
    ({RES: 66, COUNS: 16, FIELD: 63}, Decimal(25_000_000)),  # Karlovarský kraj
]
# Agreement holders per category in each kraj.
HOLDERS = [{RES: 3, COUNS: 4, FIELD: 7}, {RES: 3, COUNS: 2, FIELD: 4}]
CHILDREN_SHARE = Decimal("0.19")
# category → (unit, base price range, units range, duration in months)
TERMS = {
    RES: (PriceUnit.DAY, (1500, 2400), (20, 120), (1, 6)),
    COUNS: (PriceUnit.HOUR, (520, 800), (6, 30), (2, 6)),
    FIELD: (PriceUnit.HOUR, (420, 620), (40, 200), (6, 12)),
}
NEEDS = {
    RES: ["Matka se dvěma dětmi po ztrátě bydlení potřebuje pobyt s podporou péče o děti a hledání bydlení.",
          "Rodina s novorozencem potřebuje krátkodobý pobyt s intenzivním nácvikem péče o dítě.",
          "Otec samoživitel se třemi dětmi potřebuje přechodné ubytování a podporu při návratu do práce.",
          "Dospívající matka s kojencem potřebuje pobytovou službu s podporou rodičovských dovedností."],
    COUNS: ["Diagnostika vztahů v rodině po rozchodu rodičů a doporučení k úpravě styku s dětmi.",
            "Odborné poradenství při výchovných problémech dospívajícího syna, záškoláctví.",
            "Posouzení situace dítěte a rodiny před rozhodnutím soudu, návrh dalšího postupu.",
            "Terapeutická podpora rodiny po traumatické události, práce s rodiči i dětmi."],
    FIELD: ["Sanace rodiny: pravidelné návštěvy v domácnosti, podpora rodičů v péči o děti a domácnost.",
            "Podpora rodiny při hospodaření s penězi, řešení dluhů a pravidelné docházce dětí do školy.",
            "Doprovázení rodiny při spolupráci se školou a lékaři, nácvik denního režimu dětí.",
            "Asistované kontakty dětí s rodičem a podpora rodiny po návratu dítěte z ústavní péče."],
}
SCOPES = {RES: "pobyt matky s dětmi s každodenní podporou", COUNS: "konzultace jednou týdně, diagnostika",
          FIELD: "dvě návštěvy v domácnosti týdně po dvou hodinách"}
APPROACHES = ["Klíčová pracovnice, individuální plán s rodinou, vyhodnocení po třech měsících.",
              "Tým sociální pracovnice a psychologa, pravidelné případové konference s OSPOD.",
              "Práce v domácnosti rodiny, nácvik dovedností, spolupráce se školou."]
REASONS = {
    "reached": ["Rodina zvládá péči o děti samostatně, spolupráce ukončena dohodou.",
                "Cíle individuálního plánu splněny, děti pravidelně dochází do školy."],
    "partly": ["Bydlení se podařilo zajistit, hospodaření rodiny je stále nestabilní.",
               "Vztahy v rodině se zlepšily, doporučeno navazující poradenství."],
    "not_reached": ["Rodina přestala spolupracovat, OSPOD zvažuje další opatření.",
                    "Rodina se odstěhovala mimo území, služba ukončena předčasně."],
}
CANCEL_REASONS = ["Rodina se odstěhovala do jiného správního obvodu.", "Potřeba pominula, rodina situaci zvládla.",
                  "Žádná z nabídek neodpovídala potřebám rodiny.", "Dítě bylo svěřeno do péče příbuzných."]
PROVIDER_NAMES = {RES: "Azylový dům pro matky s dětmi {town}", COUNS: "Rodinná poradna {town}",
                  FIELD: "Centrum pro rodinu {town}"}
TYPE_OF = {RES: 20, COUNS: 1, FIELD: 28}  # the registry type of an invented service of the category


def second_kraj(home):
    code = "CZ053" if home is not None and home.nuts3 == "CZ041" else "CZ041"
    return Kraj.objects.filter(nuts3=code).first()


def seed(ctx) -> None:
    home = home_kraj()
    kraje = [kraj for kraj in (home, second_kraj(home)) if kraj is not None]
    if not kraje:
        return
    rng = ctx.rng
    today, now = timezone.localdate(), timezone.now()
    people = {person.email: person for person in ctx.data.get("people", [])}
    coordinator = people.get("koordinator@demo.invalid")
    staff = people.get("poskytovatel@demo.invalid")
    staff_provider = (Provider.objects.filter(staff_links__user=staff).select_related("obec__orp").first()
                      if staff else None)
    groups = {group.code: group for group in ServiceTypeGroup.objects.prefetch_related("service_types")}

    _network_figures(kraje, groups)
    stats = defaultdict(int)
    for index, kraj in enumerate(kraje):
        counts, total = PILOT[index % 2]
        orps = list(Orp.objects.filter(kraj=kraj).order_by("code"))
        people_of = _people([kraj])
        for orp in orps:
            orp.people = people_of.get(orp.pk)
        services = _family_services(rng, kraj, groups, orps)
        provider_here = staff_provider if staff_provider and staff_provider.obec.orp.kraj_id == kraj.pk else None
        login_orp = provider_here.obec.orp if provider_here else None
        workers = _ospod_workers(ctx, kraj, orps, login_orp, coordinator if kraj == home else None,
                                 login=kraj == home)
        agreements = _agreements(rng, kraj, orps, services, HOLDERS[index % 2], today, provider_here)
        built = _casework(rng, kraj, orps, workers, agreements, counts, total, today, now)
        _extras(rng, kraj, orps, workers, agreements, today, now, login_orp, provider_here, built)
        _save(built, agreements)
        stats["contracts"] += sum(counts.values())
        stats["requests"] += len(built["requests"])
    # bulk_create writes no history: every record seeded here (and the network's rules and population figures
    # of the second kraj, the invented registry records) gets its first version.
    for model in (FrameworkAgreement, ServiceRequest, Offer, PartialContract, DeliveryReport, OspodAssignment,
                  Provider, Service, MinimalNetworkNorm, OrpPopulation):
        add_initial_versions(model)
    apply_retention(now=now)  # the oldest finished requests keep only their statistics, as in real use
    pagecache.bump("families", "registry", "network")
    ctx.data["families"] = dict(stats)


def _people(kraje) -> dict:
    """Inhabitants of each ORP of the kraje (summed over its obce; grouped by the ORP's key alone, so SQLite
    does not compare names in Czech collation)."""
    return dict(Obec.objects.filter(orp__kraj__in=kraje).order_by().values("orp").annotate(people=Sum("population"))
                .values_list("orp", "people"))


# --- Network figures: the minimal-network rule of the families' groups in the second kraj, children 0–17 -------


def _network_figures(kraje, groups) -> None:
    norms = []
    for kraj in kraje:
        existing = set(MinimalNetworkNorm.objects.filter(kraj=kraj, type_group__isnull=False)
                       .values_list("type_group__code", flat=True))
        for code, (unit, basis, rate) in GROUP_NORMS.items():
            if code in groups and code not in existing:
                norms.append(MinimalNetworkNorm(kraj=kraj, type_group=groups[code], unit=unit, basis=basis,
                                                rate=Decimal(rate), note="Ukázkové pravidlo (demo data)."))
    MinimalNetworkNorm.objects.bulk_create(norms)
    have = set(OrpPopulation.objects.filter(orp__kraj__in=kraje, age_band=AgeBand.CHILDREN)
               .values_list("orp", flat=True))
    populations = []
    for orp_id, people in _people(kraje).items():
        if orp_id not in have and people:
            populations.append(OrpPopulation(
                orp_id=orp_id, age_band=AgeBand.CHILDREN, as_of=dt.date(timezone.localdate().year - 1, 1, 1),
                population=int(Decimal(people) * CHILDREN_SHARE),
                source="Ukázková data: odhad 19 % obyvatel ORP, ne údaj ČSÚ"))
    OrpPopulation.objects.bulk_create(populations)


# --- Registry services of the families' types ---------------------------------------------------------------


def _family_services(rng, kraj, groups, orps) -> dict:
    """category → active services of the group's types in the kraj (invented where there are too few)."""
    found = {}
    new_providers, plans = [], []
    for category in Category.values:
        types = [t.pk for t in groups[category].service_types.all()] if category in groups else []
        services = list(Service.objects.active().filter(orp__kraj=kraj, service_type__in=types)
                        .select_related("provider", "orp").order_by("pk"))
        found[category] = services
        missing = 4 - len({s.provider_id for s in services})
        for n in range(max(0, missing)):
            orp = orps[(n * 5 + len(category)) % len(orps)]
            new_providers.append((category, orp))
    if not new_providers:
        return found
    from services.demo import _valid_ico
    from services.models import ServiceType

    seats = {orp.pk: Obec.objects.filter(orp=orp).order_by("-population").first() for _c, orp in new_providers}
    used = set(Provider.objects.order_by().values_list("ico", flat=True))
    providers = []
    for category, orp in new_providers:
        ico = _valid_ico(rng)
        while ico in used:
            ico = _valid_ico(rng)
        used.add(ico)
        town = seats[orp.pk].name
        providers.append(Provider(ico=ico, name=PROVIDER_NAMES[category].format(town=town) + ", z. ú.",
                                  legal_form="Zapsaný ústav", obec=seats[orp.pk], address=f"Náměstí 1, {town}"))
        plans.append((category, orp))
    Provider.objects.bulk_create(providers)
    providers = list(Provider.objects.filter(ico__in=[p.ico for p in providers]).order_by("pk"))
    types = {t.number: t for t in ServiceType.objects.filter(number__in=TYPE_OF.values(), known=True)}
    taken = set(Service.objects.order_by().values_list("registry_id", flat=True))
    services, serial = [], 8_000_000 + kraj.pk % 1000 * 100
    for provider, (category, orp) in zip(providers, plans, strict=True):  # both in the order of insertion
        while str(serial) in taken:
            serial += 1
        taken.add(str(serial))
        services.append(Service(registry_id=str(serial), provider=provider, service_type=types[TYPE_OF[category]],
                                name=provider.name.removesuffix(", z. ú."), orp=orp, valid_from=dt.date(2015, 1, 1),
                                description="Ukázková služba pro rodiny s dětmi (demo data)."))
    Service.objects.bulk_create(services)
    for service in Service.objects.filter(registry_id__in=[s.registry_id for s in services]).select_related(
            "provider", "orp", "service_type"):
        category = next(c for c, number in TYPE_OF.items() if number == service.service_type.number)
        found[category].append(service)
    return found


# --- People ---------------------------------------------------------------------------------------------------


def _ospod_workers(ctx, kraj, orps, login_orp, coordinator, *, login: bool) -> dict:
    """One OSPOD worker at every ORP office (the demo login at the demo provider's ORP); orp pk → user."""
    users, emails = [], []
    login_orp = login_orp or max(orps, key=lambda orp: orp.people or 0)
    for orp in orps:
        email = "ospod@demo.invalid" if login and orp.pk == login_orp.pk else f"ospod-{orp.pk}@demo.invalid"
        first, last = ctx.person_name()
        feminine = last.endswith(("ová", "á"))
        users.append(User(username=email.split("@")[0], email=email, first_name=first, last_name=last,
                          display_name=f"{first} {last}", organisation=f"Městský úřad {orp.name}, OSPOD",
                          role_text="sociální pracovnice OSPOD" if feminine else "sociální pracovník OSPOD",
                          is_verified=True, verified_at=timezone.now(), password=ctx.password_hash))
        emails.append(email)
    User.objects.bulk_create(users)
    saved = {user.email: user for user in User.objects.filter(email__in=emails)}
    EmailAddress.objects.bulk_create([EmailAddress(user=saved[e], email=e, primary=True, verified=True)
                                      for e in emails])
    group, _created = Group.objects.get_or_create(name=roles.OSPOD_WORKER)
    User.groups.through.objects.bulk_create([User.groups.through(user_id=u.pk, group_id=group.pk)
                                             for u in saved.values()])
    OspodAssignment.objects.bulk_create([OspodAssignment(user=saved[email], orp=orp, assigned_by=coordinator)
                                         for email, orp in zip(emails, orps, strict=True)])
    if login:
        ctx.logins.append(("OSPOD worker (child protection)", "ospod@demo.invalid"))
    return {orp.pk: saved[email] for email, orp in zip(emails, orps, strict=True)}


# --- Framework agreements -------------------------------------------------------------------------------------


def _agreements(rng, kraj, orps, services, holders, today, staff_provider) -> dict:
    """category → [(agreement, its ORP pks, base price, its services)], every ORP covered in every category."""
    start = (today - dt.timedelta(days=760)).replace(day=1)
    result, serial = {}, 0
    for category in Category.values:
        by_provider = defaultdict(list)
        for service in services[category]:
            by_provider[service.provider_id].append(service)
        chosen = rng.sample(sorted(by_provider), k=min(holders[category], len(by_provider)))
        if staff_provider is not None and category == FIELD and staff_provider.pk not in chosen:
            chosen.append(staff_provider.pk)
        entries = []
        for provider_id in chosen:
            own = by_provider.get(provider_id, [])
            covered = {s.orp_id for s in own if s.orp_id}
            if staff_provider is not None and provider_id == staff_provider.pk:
                covered.add(staff_provider.obec.orp_id)  # the demo login offers where its OSPOD login works
            covered |= {orp.pk for orp in rng.sample(orps, k=min(len(orps), rng.randint(2, 6)))}
            _unit, (low, high), _units, _months = TERMS[category]
            serial += 1
            agreement = FrameworkAgreement(
                kraj=kraj, number=f"RS/{kraj.abbreviation}/{start.year}/{serial:03d}", category=category,
                provider_id=provider_id, valid_from=start, valid_to=today + dt.timedelta(days=400),
                note="Ukázková rámcová smlouva (demo data).")
            entries.append([agreement, covered, Decimal(rng.randint(low, high)), own])
        for orp in orps:  # every ORP covered in every category
            if not any(orp.pk in entry[1] for entry in entries):
                rng.choice(entries)[1].add(orp.pk)
        result[category] = entries
    # One agreement ends soon (the coordinator's dashboard shows it).
    result[COUNS][0][0].valid_to = today + dt.timedelta(days=45)
    return result


# --- Requests, offers, contracts, delivery --------------------------------------------------------------------


def _moment(day: dt.date, hour: int):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _working_day(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def _request(rng, orp, category, worker, created: dt.date, urgency=None):
    urgency = urgency or rng.choices(list(ServiceRequest.Urgency.values), [70, 25, 5])[0]
    days = {"standard": 7, "urgent": 3, "crisis": 1}[urgency]
    children = rng.choices([1, 2, 3, 4], [40, 35, 18, 7])[0]
    ages = ", ".join(str(rng.randint(0, 17)) for _ in range(children))
    months = rng.randint(*TERMS[category][3])
    return ServiceRequest(
        orp=orp, category=category, case_code=f"OSPOD-{created.year}/{rng.randint(1, 9999):04d}",
        children_count=children, children_ages=ages, need=rng.choice(NEEDS[category]), urgency=urgency,
        expected_scope=SCOPES[category], duration_months=months,
        preferred_start=created + dt.timedelta(days=days + rng.randint(3, 14)),
        offers_due=_moment(created + dt.timedelta(days=days), 12), created_by=worker,
        created_at=_moment(created, rng.randint(8, 15)))


def _offer(rng, request, entry, units_scale=1.0):
    own = entry[3]
    unit, _prices, (low, high), _months = TERMS[request.category]
    units = Decimal(max(1, round(rng.randint(low, high) * units_scale)))
    submitted = min(request.created_at + dt.timedelta(hours=rng.randint(2, 60)),
                    request.offers_due - dt.timedelta(hours=1), timezone.now() - dt.timedelta(minutes=30))
    return {"entry": entry, "unit": unit, "units": units, "ratio": Decimal(rng.randint(90, 100)) / 100,
            "service": rng.choice(own) if own else None, "submitted": max(submitted, request.created_at)}


def _pick_orp(rng, orps):
    return rng.choices(orps, [max(orp.people or 0, 1000) for orp in orps])[0]


def _casework(rng, kraj, orps, workers, agreements, counts, total, today, now) -> dict:
    """Contracted requests at the pilot's counts, values scaled so they add up to the pilot's total."""
    start = (today - dt.timedelta(days=730))
    built = {"requests": [], "offers": [], "contracts": []}
    span = (today - dt.timedelta(days=25) - start).days
    for category, count in counts.items():
        for _n in range(count):
            orp = _pick_orp(rng, orps)
            created = _working_day(start + dt.timedelta(days=rng.randint(0, span)))
            request = _request(rng, orp, category, workers[orp.pk], created)
            bidders = [entry for entry in agreements[category] if orp.pk in entry[1]]
            chosen = rng.sample(bidders, k=min(len(bidders), rng.choice([1, 2, 2, 3])))
            offers = [_offer(rng, request, entry) for entry in chosen]
            selected = min(offers, key=lambda o: o["units"] * o["entry"][2] * o["ratio"] + rng.randint(0, 5000))
            built["requests"].append(request)
            built["offers"].append((request, offers, selected))
    # Scale every agreement's prices so that the selected offers add up to the pilot's total.
    base_total = sum(sel["units"] * sel["entry"][2] * sel["ratio"] for _r, _o, sel in built["offers"])
    factor = total / base_total
    for entries in agreements.values():
        for entry in entries:
            agreement, _orps, base, _own = entry
            price = (base * factor).quantize(Decimal(1), rounding=ROUND_HALF_UP)
            setattr(agreement, f"price_per_{TERMS[agreement.category][0]}", price)
            if agreement.category == COUNS:  # counselling is also priced per intervention
                agreement.price_per_intervention = (price * Decimal("1.4")).quantize(Decimal(1))
    running = Decimal(0)
    last = len(built["offers"]) - 1
    for index, (request, offers, selected) in enumerate(built["offers"]):
        for offer in offers:
            agreed = offer["entry"][0].price_for(offer["unit"])
            offer["unit_price"] = (agreed * offer["ratio"]).quantize(Decimal(1), rounding=ROUND_HALF_UP)
            offer["total"] = Offer.total_for(offer["units"], offer["unit_price"])
        if index == last:  # the last contract takes the rounding: the kraj's total is exact
            remainder = total - running
            selected["units"] = (remainder / selected["unit_price"]).quantize(Decimal("0.01"))
            selected["total"] = remainder
        running += selected["total"]
        _conclude(rng, request, selected, today, now, built)
    return built


def _conclude(rng, request, selected, today, now, built):
    concluded = min(_working_day(timezone.localdate(request.offers_due) + dt.timedelta(days=rng.randint(1, 3))),
                    today)
    starts = max(request.preferred_start, concluded)
    ends = add_months(starts, request.duration_months) - dt.timedelta(days=1)
    contract = {"request": request, "offer": selected, "concluded": concluded, "starts": starts, "ends": ends}
    if ends < today - dt.timedelta(days=10):
        outcome = rng.choices(list(PartialContract.Outcome.values), [55, 30, 15])[0]
        contract["closure"] = (outcome, rng.choice(REASONS[outcome]), _moment(ends + dt.timedelta(days=5), 10))
        confirmed = ends + dt.timedelta(days=8)
        contract["confirmed"] = _moment(confirmed, 11) if confirmed < today - dt.timedelta(days=2) else None
        request.state = ServiceRequest.State.CLOSED if contract["confirmed"] else ServiceRequest.State.CONTRACTED
        request.closed_at = contract["confirmed"]
    else:
        request.state = ServiceRequest.State.CONTRACTED
    built["contracts"].append(contract)


def _extras(rng, kraj, orps, workers, agreements, today, now, login_orp, staff_provider, built) -> None:
    """Cancelled requests, requests taking offers now, offers waiting for a choice, one without any offer."""
    login_orp = login_orp or max(orps, key=lambda orp: orp.people or 0)
    worker = workers[login_orp.pk]
    cancelled = max(2, len(built["requests"]) // 14)
    for _n in range(cancelled):
        orp, category = _pick_orp(rng, orps), rng.choice(Category.values)
        created = _working_day(today - dt.timedelta(days=rng.randint(30, 700)))
        request = _request(rng, orp, category, workers[orp.pk], created)
        request.state, request.cancel_reason = ServiceRequest.State.CANCELLED, rng.choice(CANCEL_REASONS)
        request.cancelled_by = workers[orp.pk]
        request.cancelled_at = request.offers_due + dt.timedelta(days=rng.randint(1, 5))
        bidders = [entry for entry in agreements[category] if orp.pk in entry[1]]
        offers = [_offer(rng, request, entry) for entry in rng.sample(bidders, k=min(len(bidders),
                                                                                   rng.randint(0, 2)))]
        built["requests"].append(request)
        built["extra_offers"] = built.get("extra_offers", []) + [(request, offers, Offer.State.NOT_SELECTED)]
    # Taking offers now: two in the demo provider's territory (field services), three elsewhere.
    fresh = [(login_orp, FIELD), (login_orp, FIELD)] + [(_pick_orp(rng, orps), rng.choice(Category.values))
                                                      for _n in range(3)]
    for orp, category in fresh:
        created = today - dt.timedelta(days=rng.randint(0, 1))
        request = _request(rng, orp, category, workers[orp.pk], created, urgency="standard")
        request.offers_due = _moment(today + dt.timedelta(days=rng.randint(4, 7)), 12)
        request.created_at = min(request.created_at, now - dt.timedelta(hours=2))
        bidders = [entry for entry in agreements[category] if orp.pk in entry[1]
                   and (staff_provider is None or entry[0].provider_id != staff_provider.pk)]
        offers = [_offer(rng, request, entry) for entry in bidders[:rng.randint(0, 1)]]
        built["requests"].append(request)
        built["extra_offers"] = built.get("extra_offers", []) + [(request, offers, Offer.State.SUBMITTED)]
    # Past the deadline: three with offers waiting for the demo worker's choice, one with none.
    for n in range(4):
        category = [FIELD, COUNS, RES, COUNS][n]
        created = _working_day(today - dt.timedelta(days=12 + n))
        request = _request(rng, login_orp, category, worker, created, urgency="standard")
        request.offers_due = _moment(today - dt.timedelta(days=2 + n), 12)
        bidders = [entry for entry in agreements[category] if login_orp.pk in entry[1]]
        offers = [_offer(rng, request, entry) for entry in bidders[:3]] if n < 3 else []
        built["requests"].append(request)
        built["extra_offers"] = built.get("extra_offers", []) + [(request, offers, Offer.State.SUBMITTED)]


def _save(built, agreements) -> None:
    """Everything of one kraj in bulk: agreements (with their territory and services), requests, offers,
    contracts and their monthly delivery reports."""
    entries = [entry for category in agreements.values() for entry in category]
    FrameworkAgreement.objects.bulk_create([entry[0] for entry in entries])
    Orps = FrameworkAgreement.orps.through
    Services = FrameworkAgreement.services.through
    Orps.objects.bulk_create([Orps(frameworkagreement_id=entry[0].pk, orp_id=orp_id)
                              for entry in entries for orp_id in sorted(entry[1])])
    Services.objects.bulk_create([Services(frameworkagreement_id=entry[0].pk, service_id=service.pk)
                                  for entry in entries for service in entry[3]])
    ServiceRequest.objects.bulk_create(built["requests"], batch_size=1000)
    offers, selected_of = [], {}
    for request, request_offers, selected in built["offers"]:
        for data in request_offers:
            offer = _offer_row(request, data, Offer.State.SELECTED if data is selected else Offer.State.NOT_SELECTED)
            offers.append(offer)
            if data is selected:
                selected_of[request.pk] = offer
    for request, request_offers, state in built.get("extra_offers", []):
        for data in request_offers:
            if "unit_price" not in data:
                agreed = data["entry"][0].price_for(data["unit"])
                data["unit_price"] = (agreed * data["ratio"]).quantize(Decimal(1), rounding=ROUND_HALF_UP)
                data["total"] = Offer.total_for(data["units"], data["unit_price"])
            offers.append(_offer_row(request, data, state))
    Offer.objects.bulk_create(offers, batch_size=1000)
    contracts, plans = [], []
    for number, contract in enumerate(built["contracts"], start=1):
        request, offer = contract["request"], selected_of[contract["request"].pk]
        row = PartialContract(
            request=request, offer=offer, agreement=offer.agreement, provider_id=offer.provider_id,
            number=f"DS/{offer.agreement.kraj.abbreviation}/{contract['concluded'].year}/{request.pk:05d}",
            value=offer.total_price, starts_on=contract["starts"], ends_on=contract["ends"],
            concluded_on=contract["concluded"], concluded_by=request.created_by)
        if "closure" in contract:
            row.outcome, row.closure_reason, row.closure_reported_at = contract["closure"]
            row.confirmed_at = contract["confirmed"]
            row.confirmed_by = request.created_by if contract["confirmed"] else None
        contracts.append(row)
        plans.append(contract)
    PartialContract.objects.bulk_create(contracts, batch_size=1000)
    today = timezone.localdate()
    reports = []
    for row, contract in zip(contracts, plans, strict=True):
        months = []
        month = row.starts_on.replace(day=1)
        last = min(row.ends_on, today).replace(day=1)
        while month <= last:
            months.append(month)
            month = (month + dt.timedelta(days=32)).replace(day=1)
        units = selected_of[row.request_id].units
        for month in months:
            reported = _moment(min((month + dt.timedelta(days=34)).replace(day=3), today), 9)
            confirmed = row.confirmed_at or (reported + dt.timedelta(days=4) if month < today.replace(day=1)
                                             else None)
            reports.append(DeliveryReport(
                contract=row, month=month, units=(units / len(months)).quantize(Decimal("0.5")),
                reported_at=reported, confirmed_at=confirmed,
                confirmed_by=row.request.created_by if confirmed else None))
    DeliveryReport.objects.bulk_create(reports, batch_size=2000)
    for entry in entries:  # the ceiling leaves room for the rest of the agreement's term
        contracted = sum((c.value for c in contracts if c.agreement_id == entry[0].pk), Decimal(0))
        entry[0].ceiling = (contracted * Decimal("1.4") / 100_000).quantize(Decimal(1), rounding=ROUND_HALF_UP) \
            * 100_000 + 500_000
    FrameworkAgreement.objects.bulk_update([entry[0] for entry in entries], ["ceiling"])


def _offer_row(request, data, state) -> Offer:
    agreement = data["entry"][0]
    return Offer(request=request, provider_id=agreement.provider_id, agreement=agreement, service=data["service"],
                 start_on=request.preferred_start, unit=data["unit"], units=data["units"],
                 unit_price=data["unit_price"], total_price=data["total"], scope=SCOPES[request.category],
                 approach=APPROACHES[request.pk % len(APPROACHES)], state=state, submitted_at=data["submitted"],
                 decided_at=request.offers_due + dt.timedelta(days=1) if state != Offer.State.SUBMITTED else None)
