"""Demo planning: the home kraj's mid-term plan 2026–2028 (five priorities, 25 measures, about half with indicators
computed from the registry), the community plan of Kladensko (in force) and the community plan of Berounsko a
Hořovicko in public consultation, with comments partly settled. Plans take their steps through their own methods
(so baselines are frozen from the registry as it is), by the demo's regional coordinator."""

import datetime as dt
import math
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from planning import indicators
from planning.models import (
    Activity,
    Comment,
    CoordinatorAssignment,
    Funding,
    Indicator,
    IndicatorValue,
    Measure,
    Plan,
    PlanningLocality,
    PlanTransition,
    Priority,
)
from services.models import ServiceType, TargetGroup
from territory.models import Obec, Orp, home_kraj

T = "DruhSocialniSluzby/"
G = "CilovaSkupinaOsoby/"

# (title, description, [(measure title, types, target groups, indicator, responsible)])
# indicator: ("computed", metric, unit, name, growth) or ("manual", name, unit, source, baseline, [values], target)
KRAJ_PRIORITIES = [
    ("Péče o seniory a osoby s demencí",
     "Senioři mají zůstat co nejdéle doma; pobytové služby se zaměřují na lidi s vysokou mírou podpory a na lidi "
     "žijící s demencí.",
     [("Rozvoj terénní pečovatelské služby v menších obcích", [T + "4"], [G + "24"],
       ("computed", "capacity", "klient", "Registrovaná kapacita pečovatelské služby (klienti)", 1.12),
       "Krajský úřad, odbor sociálních věcí"),
      ("Navýšení lůžek domovů se zvláštním režimem pro lidi s demencí", [T + "14"], [G + "30"],
       ("computed", "capacity", "luzka", "Registrovaná lůžka domovů se zvláštním režimem", 1.08),
       "Krajský úřad ve spolupráci s poskytovateli"),
      ("Kapacita domovů pro seniory odpovídající demografickému vývoji", [T + "13"], [G + "24"],
       ("computed", "per_1000", "luzka", "Lůžka domovů pro seniory na 1 000 obyvatel", 1.03),
       "Krajský úřad, příspěvkové organizace kraje"),
      ("Podpora pečujících osob a odlehčovacích služeb", [T + "8"], [G + "26"],
       ("computed", "services", "", "Počet odlehčovacích služeb v kraji", 1.15),
       "Krajský úřad, obce s rozšířenou působností"),
      ("Vzdělávání pracovníků v péči o lidi s demencí", [T + "13", T + "14"], [G + "30"],
       ("manual", "Pracovníci v sociálních službách proškolení v péči o lidi s demencí", "osob",
        "Evidence vzdělávacích programů kraje", 120, [(2026, 215)], 450),
       "Krajský úřad, vzdělávací centrum")]),
    ("Osoby se zdravotním postižením a transformace pobytových služeb",
     "Lidé se zdravotním postižením žijí v běžném prostředí; velkokapacitní zařízení se mění na menší komunitní "
     "služby.",
     [("Rozvoj chráněného bydlení komunitního typu", [T + "15"], [G + "14"],
       ("computed", "capacity", "klient", "Registrovaná kapacita chráněného bydlení (klienti)", 1.2),
       "Krajský úřad, transformované příspěvkové organizace"),
      ("Podpora samostatného bydlení jako náhrada ústavní péče", [T + "7"], [G + "14", G + "10"],
       ("computed", "services", "", "Počet služeb podpory samostatného bydlení", 1.25),
       "Krajský úřad"),
      ("Rozšíření osobní asistence do všech ORP", [T + "3"], [G + "15", G + "13"],
       ("computed", "capacity", "klient", "Registrovaná kapacita osobní asistence (klienti)", 1.1),
       "Krajský úřad, poskytovatelé osobní asistence"),
      ("Transformace domovů pro osoby se zdravotním postižením", [T + "12"], [G + "14"],
       ("manual", "Klienti přestěhovaní z velkokapacitních zařízení do komunitních služeb", "osob",
        "Transformační plány příspěvkových organizací", 0, [(2026, 18)], 60),
       "Krajský úřad, ředitelé příspěvkových organizací"),
      ("Sociální rehabilitace a návrat na trh práce", [T + "33", T + "30"], [G + "10", G + "14"],
       ("computed", "services", "", "Počet služeb sociální rehabilitace a sociálně terapeutických dílen", 1.1),
       "Krajský úřad, Úřad práce ČR")]),
    ("Rodiny s dětmi a mládež",
     "Včasná podpora rodin předchází odebírání dětí a pomáhá dětem vyrůstat v jejich rodinách.",
     [("Sociálně aktivizační služby pro rodiny s dětmi ve všech ORP", [T + "28"], [G + "23"],
       ("computed", "services", "", "Počet sociálně aktivizačních služeb pro rodiny s dětmi", 1.2),
       "Krajský úřad, orgány sociálně-právní ochrany dětí"),
      ("Dostupnost rané péče pro rodiny dětí s postižením", [T + "17"], [G + "23", G + "13"],
       ("computed", "capacity", "klient", "Registrovaná kapacita rané péče (klienti)", 1.1),
       "Krajský úřad"),
      ("Nízkoprahová zařízení pro děti a mládež v menších městech", [T + "25"], [G + "1"],
       ("manual", "Obce nad 5 000 obyvatel s dostupným nízkoprahovým zařízením", "obcí",
        "Mapování dostupnosti, Krajský úřad", 14, [(2026, 16)], 22),
       "Krajský úřad, obce"),
      ("Podpora pěstounských rodin a mladých lidí odcházejících z ústavní péče", [T + "21"], [G + "8"],
       ("manual", "Mladí dospělí odcházející z ústavní péče s podporou bydlení", "osob",
        "Výkaz oddělení sociálně-právní ochrany dětí", 25, [(2026, 31)], 45),
       "Krajský úřad, domy na půl cesty"),
      ("Prevence domácího násilí a intervenční centrum", [T + "23"], [G + "4"],
       ("manual", "Osoby ohrožené domácím násilím, kterým byla poskytnuta pomoc", "osob",
        "Výroční zpráva intervenčního centra", 540, [(2026, 610)], 650),
       "Intervenční centrum Středočeského kraje")]),
    ("Osoby v krizi, bez domova a sociálně vyloučené",
     "Síť služeb pro lidi bez domova a v sociálně vyloučených lokalitách navazuje na sociální bydlení obcí.",
     [("Noclehárny a azylové domy v okresních městech", [T + "20", T + "26"], [G + "7"],
       ("computed", "capacity", "luzka", "Registrovaná lůžka azylových domů", 1.1),
       "Krajský úřad, obce s rozšířenou působností"),
      ("Terénní programy v sociálně vyloučených lokalitách", [T + "32"], [G + "21"],
       ("computed", "services", "", "Počet terénních programů", 1.15),
       "Krajský úřad, Agentura pro sociální začleňování"),
      ("Dluhové poradenství jako součást odborného sociálního poradenství", [T + "1"], [G + "19"],
       ("manual", "Klienti dluhového poradenství", "osob", "Výkazy poskytovatelů odborného poradenství",
        2100, [(2026, 2450)], 3000),
       "Krajský úřad, poskytovatelé poradenství"),
      ("Kontaktní centra a harm reduction", [T + "22"], [G + "25"],
       ("computed", "services", "", "Počet kontaktních center", 1.0),
       "Krajský protidrogový koordinátor"),
      ("Krizová pomoc s nepřetržitým provozem", [T + "23"], [G + "19"],
       ("manual", "ORP s dostupnou krizovou pomocí do 60 minut", "ORP", "Mapování sítě, Krajský úřad", 17,
        [(2026, 19)], 26),
       "Krajský úřad")]),
    ("Dostupnost, kvalita a financování sítě služeb",
     "Síť služeb je stabilně financovaná, plánovaná s obcemi a její kapacity odpovídají potřebám území.",
     [("Víceleté financování služeb zařazených do krajské sítě", [], [],
       ("manual", "Podíl kapacit sítě s víceletým pověřením", "%", "Krajská síť sociálních služeb", 60,
        [(2026, 72)], 90),
       "Krajský úřad, odbor sociálních věcí"),
      ("Sjednocení komunitního plánování ve všech ORP", [], [],
       ("manual", "ORP s platným komunitním plánem podle krajské metodiky", "ORP", "Krajská metodika KPSS",
        11, [(2026, 14)], 26),
       "Krajský koordinátor plánování"),
      ("Volná místa v síti hlášená na portálu", [], [],
       ("computed", "free", "", "Služby s aktuálně hlášenými volnými místy", 1.3),
       "Krajský úřad, poskytovatelé"),
      ("Informovanost veřejnosti o sociálních službách", [], [],
       ("manual", "Návštěvy katalogu sociálních služeb za rok", "návštěv", "Statistika portálu", 38000,
        [(2026, 52000)], 80000),
       "Krajský úřad, oddělení komunikace"),
      ("Podpora supervize a kvality v malých organizacích", [], [],
       ("manual", "Poskytovatelé zapojení do programu podpory kvality", "organizací",
        "Evidence programu podpory kvality", 20, [(2026, 34)], 60),
       "Krajský úřad")]),
]

ACTIVITIES = [
    ("Analýza potřeb a kapacit v území", "done", ""),
    ("Jednání s obcemi a poskytovateli o rozšíření", "in_progress", ""),
    ("Zařazení nových kapacit do krajské sítě", "not_started", ""),
    ("Výběrové řízení na investiční dotaci", "moved", "Přesunuto do roku 2027: výzva IROP byla vyhlášena později."),
]


def _working_day(day: dt.date) -> dt.date:
    while day.weekday() >= 5:
        day -= dt.timedelta(days=1)
    return day


def _at(day: dt.date, hour=10):
    return timezone.make_aware(dt.datetime.combine(_working_day(day), dt.time(hour, 0)))


def _types(codes):
    return list(ServiceType.objects.filter(code__in=codes))


def _groups(codes):
    return list(TargetGroup.objects.filter(code__in=codes))


def _structure(plan, priorities, rng, *, orps=(), contributes=None):
    """Priorities, measures, activities, funding and indicators of a plan; returns the computed indicators with
    their growth factor (targets are set from the registry's current values)."""
    computed = []
    today = timezone.localdate()
    start, end = plan.period_start, plan.period_end
    for number, (title, description, measures) in enumerate(priorities, start=1):
        priority = Priority.objects.create(plan=plan, number=number, title=title, description=description)
        for m_number, (m_title, types, groups, indicator, responsible) in enumerate(measures, start=1):
            measure = Measure.objects.create(
                priority=priority, number=m_number, title=m_title, responsible_organisation=responsible,
                description=f"{m_title}. Opatření navazuje na analýzu potřeb v kapitole 1 a jeho plnění se "
                            f"vyhodnocuje každoročně v akčním plánu.",
                starts_on=dt.date(start, 1, 1), ends_on=dt.date(end if m_number % 3 else end - 1, 12, 31),
                partners="obce s rozšířenou působností, poskytovatelé sociálních služeb, zástupci uživatelů",
                contributes_to=contributes.get(number) if contributes else None)
            measure.service_types.set(_types(types))
            measure.target_groups.set(_groups(groups))
            if orps:
                measure.orps.set(orps)
            for order, (a_title, status, reason) in enumerate(ACTIVITIES[:2 + (m_number % 3)], start=1):
                year = start + (order - 1) // 2
                this_year = timezone.localdate().year
                if year < this_year:  # past years: done, or moved with its reason
                    status = "moved" if reason else "done"
                elif year > this_year:
                    status, reason = "not_started", ""
                Activity.objects.create(measure=measure, order=order, title=a_title, year=year, status=status,
                                        reason=reason,
                                        expected_cost=Decimal(rng.randrange(2, 40) * 50_000),
                                        spent=Decimal(rng.randrange(1, 30) * 50_000) if status == "done" else None)
            for year in plan.years:
                for source in ("kraj", "state", "obce")[:1 + m_number % 3]:
                    expected = Decimal(rng.randrange(5, 120) * 100_000)
                    Funding.objects.create(measure=measure, year=year, source=source, expected=expected,
                                           spent=(expected * Decimal(rng.randrange(70, 101)) / 100).quantize(1)
                                           if year < today.year or (year == today.year and rng.random() < 0.7)
                                           else None)
            if indicator[0] == "computed":
                _kind, metric, unit, name, growth = indicator
                made = Indicator.objects.create(
                    measure=measure, name=name, kind="computed", metric=metric, capacity_unit=unit,
                    unit={"luzka": "lůžek", "klient": "klientů"}.get(unit, "služeb" if metric != "per_1000" else
                                                                        "lůžek na 1 000 obyvatel"),
                    deadline=dt.date(end, 12, 31))
                made.service_types.set(_types(types))
                computed.append((made, growth))
            else:
                _kind, name, unit, source, baseline, values, target = indicator
                made = Indicator.objects.create(
                    measure=measure, name=name, kind="manual", unit=unit, source=source,
                    baseline=Decimal(baseline), baseline_on=dt.date(start - 1, 12, 31), target=Decimal(target),
                    deadline=dt.date(end, 12, 31))
                for year, value in values:
                    IndicatorValue.objects.create(indicator=made, measured_on=dt.date(year, 6, 30),
                                                  value=Decimal(value), source=source)
    return computed


def _set_targets(computed):
    """Targets of computed indicators: today's registry value grown by the measure's ambition."""
    made = [indicator for indicator, _growth in computed]
    fresh = list(Indicator.objects.filter(pk__in=[i.pk for i in made]).select_related(
        "measure__priority__plan__kraj", "measure__priority__plan__locality").prefetch_related(
        "service_types", "orps", "measure__priority__plan__locality__orps"))
    values = indicators.current_values(fresh)
    growth = {indicator.pk: factor for indicator, factor in computed}
    for indicator in fresh:
        now = values.get(indicator.pk) or Decimal(0)
        if indicator.metric == "per_1000":
            target = (now * Decimal(str(growth[indicator.pk]))).quantize(Decimal("0.01"))
        else:
            target = Decimal(max(math.ceil(float(now) * growth[indicator.pk]), int(now) + 1))
        Indicator.objects.filter(pk=indicator.pk).update(target=target)


def _history(plan, adopted_on, rng):
    """The demo registry has no past, so the demo gives each computed indicator of an adopted plan the history it
    would have had: a baseline somewhat below today's value as of the adoption, and quarterly snapshots up to today
    (demo data only; a real plan's baseline and snapshots come from the registry as it was)."""
    today = timezone.localdate()
    for indicator in Indicator.objects.filter(measure__priority__plan=plan, kind="computed"):
        now = indicator.baseline
        if now is None:
            continue
        places = Decimal("0.01") if indicator.metric == "per_1000" else Decimal(1)
        baseline = (now * Decimal(str(1 - rng.uniform(0.0, 0.09)))).quantize(places)
        Indicator.objects.filter(pk=indicator.pk).update(baseline=baseline, baseline_on=adopted_on)
        IndicatorValue.objects.filter(indicator=indicator).delete()
        days = []
        day = adopted_on
        while day < today:
            days.append(day)
            day = (day.replace(day=1) + dt.timedelta(days=95)).replace(day=1)
        for index, day in enumerate(days):
            value = (baseline + (now - baseline) * Decimal(index) / Decimal(max(1, len(days)))).quantize(places)
            IndicatorValue.objects.create(indicator=indicator, measured_on=day, value=value, is_snapshot=True,
                                          source=str(indicator.source_label()))
        IndicatorValue.objects.create(indicator=indicator, measured_on=today, value=now, is_snapshot=True,
                                      source=str(indicator.source_label()))


def _date_steps(plan, days):
    """Give the logged steps the dates they would have had (working days, in order)."""
    for step, day in zip(plan.transitions.order_by("pk"), days, strict=False):
        PlanTransition.objects.filter(pk=step.pk).update(at=_at(day))


@transaction.atomic
def seed(ctx) -> None:
    kraj = home_kraj()
    people = ctx.data.get("people", [])
    if kraj is None or not people:
        return
    rng = ctx.rng
    today = timezone.localdate()
    coordinator = next(p for p in people if p.email == "koordinator@demo.invalid")
    commenters = [p for p in people if p.is_verified and not p.is_staff][:12]

    # --- The kraj's mid-term plan, adopted and in force ----------------------------------------------------
    kraj_plan = Plan.objects.create(
        kraj=kraj, title=f"Střednědobý plán rozvoje sociálních služeb – {kraj.name} 2026–2028",
        slug="stredodoby-plan-2026-2028", period_start=2026, period_end=2028,
        summary=("Střednědobý plán rozvoje sociálních služeb stanoví podle § 95 zákona č. 108/2006 Sb. priority "
                 "kraje na tři roky. Vychází z komunitních plánů obcí s rozšířenou působností a z analýzy kapacit "
                 "registru poskytovatelů."),
        analysis=("Počet obyvatel nad 65 let v kraji roste o 2–3 % ročně. Kapacity pečovatelské služby a "
                  "odlehčovacích služeb zaostávají za poptávkou zejména v menších obcích; pořadníky domovů se "
                  "zvláštním režimem jsou nejdelší v okresech Kladno, Mladá Boleslav a Příbram. Podrobné tabulky "
                  "kapacit podle ORP jsou v přehledu kapacit portálu."),
        financing=("Služby zařazené do krajské sítě jsou financovány z dotace MPSV podle § 101a, z rozpočtu kraje, "
                   "z rozpočtů obcí a z úhrad uživatelů. Rozvojové kapacity jsou kryty z ESF+ a IROP."),
        monitoring=("Plnění opatření se vyhodnocuje jednou ročně v akčním plánu. Indikátory vypočtené z registru "
                    "se aktualizují průběžně; ruční indikátory doplňuje koordinátor plánování k 30. 6."),
        consultation_starts=dt.date(2025, 9, 1), consultation_ends=dt.date(2025, 9, 30))
    computed = _structure(kraj_plan, KRAJ_PRIORITIES, rng)
    _set_targets(computed)
    kraj_plan.start_consultation(by=coordinator, starts=dt.date(2025, 9, 1), ends=dt.date(2025, 9, 30))
    first_measures = list(Measure.objects.filter(priority__plan=kraj_plan).order_by("priority__number", "number"))
    for index, (text, outcome, justification) in enumerate([
        ("Pečovatelská služba by měla mít v opatření 1.1 i večerní a víkendové směny, jinak lidé s demencí skončí "
         "v pobytové službě dřív, než je nutné.", "accepted", ""),
        ("Navrhujeme doplnit indikátor počtu obcí, kde je pečovatelská služba dostupná.", "partly",
         "Doplněno do monitorovací zprávy; indikátor bude sledován od akčního plánu 2027."),
        ("Chybí financování pro malé obce, které si službu nemohou dovolit spolufinancovat.", "rejected",
         "Spolufinancování obcí upravuje krajská metodika sítě; plán je nemůže měnit."),
    ]):
        comment = Comment.objects.create(plan=kraj_plan, measure=first_measures[index], section="measures",
                                         author=commenters[index], text=text,
                                         created_at=_at(dt.date(2025, 9, 10 + index), 14))
        comment.settle(by=coordinator, outcome=outcome, justification=justification)
        Comment.objects.filter(pk=comment.pk).update(settled_at=_at(dt.date(2025, 10, 8)))
    kraj_plan.adopt(by=coordinator, body=f"Zastupitelstvo kraje ({kraj.name})", number="045-12/2025/ZK",
                    date=dt.date(2025, 12, 8))
    kraj_plan.put_in_force(by=coordinator)
    _date_steps(kraj_plan, [dt.date(2025, 9, 1), dt.date(2025, 12, 8), dt.date(2026, 1, 2)])
    _history(kraj_plan, dt.date(2025, 12, 8), rng)
    kraj_priorities = {p.number: p for p in kraj_plan.priorities.all()}

    # --- Localities ----------------------------------------------------------------------------------------
    kladno_orp = Orp.objects.filter(pk=2109, kraj=kraj).first() or kraj.orps.order_by("code").first()
    others = list(kraj.orps.exclude(pk=kladno_orp.pk).order_by("code"))
    kladensko = PlanningLocality.objects.create(
        kraj=kraj, name="Kladensko" if kladno_orp.name == "Kladno" else f"ORP {kladno_orp.name}",
        phase=("Plán je ve druhém roce realizace. Pracovní skupiny se scházejí čtvrtletně; na jaře proběhne "
               "aktualizace analýzy potřeb seniorů."))
    kladensko.orps.set([kladno_orp])
    obce = list(Obec.objects.filter(orp=kladno_orp).order_by("-population", "code"))
    kladensko.involved_obce.set(obce[:max(1, int(len(obce) * 0.7))])
    pair = [o for o in others if o.pk in (2102, 2108)] or others[:2]
    berounsko = PlanningLocality.objects.create(
        kraj=kraj, name=" a ".join(o.name for o in pair) if len(pair) > 1 else f"ORP {pair[0].name}",
        phase=("Návrh nového komunitního plánu je v připomínkovém řízení. Po vypořádání připomínek jej projedná "
               "řídící skupina a zastupitelstva obou měst."))
    berounsko.orps.set(pair)
    obce = list(Obec.objects.filter(orp__in=pair).order_by("-population", "code"))
    berounsko.involved_obce.set(obce[:max(1, len(obce) // 2)])
    third = next((o for o in others if o not in pair), None)
    if third is not None:
        locality = PlanningLocality.objects.create(
            kraj=kraj, name=f"ORP {third.name}",
            phase="Obec zahajuje komunitní plánování: ustavuje řídící skupinu a připravuje analýzu potřeb.")
        locality.orps.set([third])

    # --- Kladensko: community plan in force -----------------------------------------------------------------
    kladno_plan = Plan.objects.create(
        kraj=kraj, locality=kladensko, title=f"Komunitní plán sociálních služeb {kladensko.name} 2025–2027",
        slug="kpss-kladensko-2025-2027", period_start=2025, period_end=2027,
        summary="Komunitní plán sociálních služeb zpracovaný podle krajské metodiky, se třemi prioritami.",
        analysis="Analýza vychází z dotazníkového šetření mezi uživateli a z registru poskytovatelů.",
        financing="Město přispívá na služby zařazené do sítě podle dohody o spolufinancování.",
        monitoring="Pracovní skupiny vyhodnocují plnění opatření jednou ročně.")
    local = [
        ("Senioři a pečující", "Péče v domácím prostředí a podpora pečujících.",
         [("Pečovatelská služba o víkendech", [T + "4"], [G + "24"],
           ("computed", "capacity", "klient", "Kapacita pečovatelské služby v ORP (klienti)", 1.15),
           "Město Kladno, odbor sociálních věcí"),
          ("Denní stacionář pro lidi s demencí", [T + "10"], [G + "30"],
           ("computed", "services", "", "Denní stacionáře v ORP", 1.5), "Město Kladno")]),
        ("Lidé se zdravotním postižením", "Bydlení a práce v běžném prostředí.",
         [("Chráněné bydlení v Kladně", [T + "15"], [G + "14"],
           ("manual", "Místa chráněného bydlení v ORP", "míst", "Registr a výkaz poskytovatele", 12, [(2026, 16)], 24),
           "Poskytovatelé chráněného bydlení")]),
        ("Lidé v krizi a bez domova", "Návazné služby a prostupné bydlení.",
         [("Noclehárna pro ženy", [T + "26"], [G + "7"],
           ("computed", "capacity", "luzka", "Lůžka nocleháren v ORP", 1.2), "Město Kladno, Charita"),
          ("Terénní program v lokalitách Kladno-Kročehlavy", [T + "32"], [G + "21"],
           ("manual", "Klienti terénního programu", "osob", "Výkaz poskytovatele", 140, [(2025, 160), (2026, 185)],
            220), "Poskytovatel terénního programu")]),
    ]
    contributes = {1: kraj_priorities[1], 2: kraj_priorities[2], 3: kraj_priorities[4]}
    computed = _structure(kladno_plan, local, rng, contributes=contributes)
    _set_targets(computed)
    kladno_plan.start_consultation(by=coordinator, starts=dt.date(2024, 10, 1), ends=dt.date(2024, 10, 31))
    kladno_plan.adopt(by=coordinator, body="Zastupitelstvo města Kladna", number="ZM 112/2024",
                      date=dt.date(2024, 12, 16))
    kladno_plan.put_in_force(by=coordinator)
    _date_steps(kladno_plan, [dt.date(2024, 10, 1), dt.date(2024, 12, 16), dt.date(2025, 1, 2)])
    _history(kladno_plan, dt.date(2024, 12, 16), rng)

    # --- Berounsko a Hořovicko: a new plan in public consultation -------------------------------------------
    planner = type(coordinator).objects.create(
        username="planovani", email="planovani@demo.invalid", first_name="Lenka", last_name="Horáková",
        display_name="Lenka Horáková", organisation=f"Městský úřad {pair[0].name}",
        role_text="koordinátorka komunitního plánování", is_verified=True, verified_at=timezone.now(),
        password=ctx.password_hash)
    planner.emailaddress_set.create(email=planner.email, primary=True, verified=True)
    CoordinatorAssignment.objects.create(user=planner, locality=berounsko, assigned_by=coordinator)
    ctx.logins.append(("ORP planning coordinator", planner.email))
    beroun_plan = Plan.objects.create(
        kraj=kraj, locality=berounsko, title=f"Komunitní plán sociálních služeb {berounsko.name} 2027–2029",
        slug="kpss-berounsko-2027-2029", period_start=2027, period_end=2029,
        summary="Návrh společného komunitního plánu dvou ORP, zpracovaný podle krajské metodiky.",
        analysis="Obě ORP mají nedostatek terénních služeb pro seniory v obcích pod 500 obyvatel.",
        financing="Spolufinancování služeb rozdělí obě města podle počtu obyvatel.",
        monitoring="Řídící skupina vyhodnocuje plán jednou ročně.")
    local = [
        ("Senioři", "Dostupná péče i v nejmenších obcích.",
         [("Terénní pečovatelská služba pro obce pod 500 obyvatel", [T + "4"], [G + "24"],
           ("computed", "capacity", "klient", "Kapacita pečovatelské služby v lokalitě (klienti)", 1.2),
           "Město Beroun"),
          ("Tísňová péče pro osamělé seniory", [T + "5"], [G + "24"],
           ("manual", "Uživatelé tísňové péče", "osob", "Výkaz poskytovatele", 45, [], 90), "Město Hořovice")]),
        ("Rodiny a děti", "Podpora rodin a prevence.",
         [("Sociálně aktivizační služba pro rodiny v Hořovicích", [T + "28"], [G + "23"],
           ("computed", "services", "", "Služby SAS pro rodiny v lokalitě", 2.0), "Město Hořovice"),
          ("Nízkoprahový klub v Berouně", [T + "25"], [G + "1"],
           ("manual", "Návštěvy klubu za rok", "návštěv", "Výkaz poskytovatele", 0, [], 2500), "Město Beroun")]),
    ]
    computed = _structure(beroun_plan, local, rng, contributes={1: kraj_priorities[1], 2: kraj_priorities[3]})
    _set_targets(computed)
    beroun_plan.start_consultation(by=planner, starts=today - dt.timedelta(days=9),
                                   ends=today + dt.timedelta(days=21))
    _date_steps(beroun_plan, [today - dt.timedelta(days=9)])
    measures = list(Measure.objects.filter(priority__plan=beroun_plan).order_by("priority__number", "number"))
    texts = [
        (measures[0], "Pečovatelská služba by měla jezdit i do místních částí Hudlic a Broum, kde dnes chybí.",
         "accepted", ""),
        (measures[1], "Tísňovou péči by mohla obec částečně hradit lidem s nízkými příjmy.", "partly",
         "Zapracováno jako aktivita 2028; výše příspěvku bude předmětem jednání zastupitelstev."),
        (measures[2], "Navrhujeme, aby služba působila i v Zadní Třebani a Řevnicích.", "rejected",
         "Obce patří do ORP Černošice, které plánuje samostatně; předáno tamní koordinátorce."),
        (measures[3], "Klub by měl mít otevřeno i v sobotu, o víkendu nemají děti kam jít.", None, ""),
        (None, "V analýze chybí údaje o počtu pečujících osob; doporučujeme využít data ÚP ČR o příspěvku na péči.",
         None, ""),
        (measures[0], "Jako poskytovatel můžeme kapacitu navýšit od dubna, pokud bude zajištěno financování.", None,
         ""),
    ]
    for index, (measure, text, outcome, justification) in enumerate(texts):
        comment = Comment.objects.create(
            plan=beroun_plan, measure=measure, section="measures" if measure else "analysis",
            author=commenters[3 + index], text=text,
            organisation="Poskytovatel pečovatelské služby" if index == 5 else "",
            created_at=_at(today - dt.timedelta(days=8 - index), 9 + index))
        if outcome:
            comment.settle(by=planner, outcome=outcome, justification=justification)
    ctx.data["planning_plans"] = [kraj_plan, kladno_plan, beroun_plan]
