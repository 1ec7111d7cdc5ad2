"""Demo education: 20 programmes of the home kraj's catalogue with 40 terms over a year (past ones with
registrations, confirmed attendance and certificates), workers linked to six providers (the provider-staff login's
among them, as its main contact, with an education manager), own records, an education plan, seven supervisors (one
waiting for approval), supervision sessions, the kraj's quality methodologist, and three providers with two
self-assessment rounds each (development plans, consultations).

Deterministic (ctx.rng), bulk where possible, on PostgreSQL and SQLite. Every record is demo data: programme and
organisation names are invented, the accreditation numbers only look like the ministry's."""

import datetime as dt
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile
from django.utils import timezone

from core import pagecache
from core.history import add_initial_versions
from core.registrations import RegistrationStatus
from education.models import (
    Certificate,
    Consultation,
    CriterionRating,
    DevelopmentAction,
    Methodologist,
    OwnRecord,
    PlannedEducation,
    Programme,
    ProviderWorker,
    Rating,
    Role,
    SelfAssessmentRound,
    SupervisionKind,
    SupervisionSession,
    Supervisor,
    Term,
    TermRegistration,
    Topic,
)
from network.models import QualityCriterion, QualityStandard
from services.models import Provider, ProviderStaff, Service, ServiceType, TargetGroup
from territory.models import Obec, home_kraj

# (title, organiser, hours, form, topics, roles, standards, accredited)
PROGRAMMES = [
    ("Individuální plánování v praxi", "Institut sociální práce", 16, "in_person", ["individual-planning"],
     ["social-worker", "care-worker"], [5], True),
    ("Komunikace s lidmi s demencí", "Centrum vzdělávání Alfa", 8, "in_person", ["dementia", "communication"],
     ["care-worker"], [5, 13], True),
    ("Právo sociálních služeb pro vedoucí", "Akademie řízení služeb", 12, "online", ["law", "management"],
     ["management"], [1, 2, 4], True),
    ("Krizová intervence – základní výcvik", "Středisko krizové pomoci", 40, "in_person", ["crisis"],
     ["social-worker"], [14], True),
    ("Prevence syndromu vyhoření", "Centrum vzdělávání Alfa", 8, "in_person", ["burnout"],
     ["care-worker", "social-worker"], [10], True),
    ("Stížnosti jako příležitost ke zlepšení", "Institut sociální práce", 6, "online", ["quality", "rights-ethics"],
     ["management", "social-worker"], [7, 15], True),
    ("Práva uživatelů a střet zájmů", "Etické fórum", 8, "in_person", ["rights-ethics"],
     ["social-worker", "care-worker"], [2], True),
    ("Dokumentace o poskytování služby", "Akademie řízení služeb", 6, "online", ["quality"],
     ["social-worker", "management"], [6], True),
    ("První pomoc v sociálních službách", "Zdravotnická škola Kladno", 8, "in_person", ["first-aid"],
     ["care-worker"], [14], True),
    ("Paliativní péče v pobytových službách", "Hospicové centrum", 24, "in_person", ["palliative"],
     ["care-worker", "social-worker"], [5, 13], True),
    ("Vedení týmu a hodnocení zaměstnanců", "Akademie řízení služeb", 16, "in_person", ["management"],
     ["management"], [9, 10], True),
    ("Práce s rodinou v sociálně aktivizačních službách", "Institut sociální práce", 16, "in_person",
     ["families"], ["social-worker"], [5, 8], True),
    ("Supervize pro vedoucí pracovníky", "Supervizní centrum", 12, "in_person", ["supervision", "management"],
     ["management", "supervisor"], [10], True),
    ("Standardy kvality krok za krokem", "Krajský úřad – metodické centrum", 8, "in_person", ["quality"],
     ["management", "social-worker"], [1, 15], False),
    ("Jednání se zájemcem o službu", "Institut sociální práce", 6, "online", ["communication", "quality"],
     ["social-worker"], [3, 4], True),
    ("Stáž v domově se zvláštním režimem", "Domov Pohoda (stáž)", 8, "internship", ["dementia"],
     ["care-worker"], [5], False),
    ("Konference o kvalitě sociálních služeb", "Krajský úřad – metodické centrum", 6, "conference",
     ["quality"], ["management", "social-worker", "planning-coordinator"], [15], False),
    ("Komunitní plánování pro začátečníky", "Akademie řízení služeb", 8, "online", ["management"],
     ["planning-coordinator"], [8, 11], True),
    ("Informovanost o službě srozumitelně", "Centrum vzdělávání Alfa", 4, "online", ["communication"],
     ["social-worker", "care-worker"], [12], True),
    ("Nouzové a havarijní situace", "Zdravotnická škola Kladno", 6, "in_person", ["first-aid", "quality"],
     ["care-worker", "management"], [14], True),
]
TOWNS = ["Kladno", "Beroun", "Mladá Boleslav", "Kolín", "Příbram", "Benešov", "Mělník"]
SUPERVISORS = [("Mgr. Alena Dvořáková", True, True, False), ("PhDr. Petr Novotný", False, True, True),
               ("Mgr. Jana Svobodová", True, False, False), ("Bc. Tomáš Kučera", True, True, False),
               ("Mgr. Eva Procházková", False, True, True), ("PhDr. Marie Veselá", True, True, True),
               ("Mgr. Ondřej Král", False, False, True)]
ACTIONS = ["Aktualizovat vnitřní pravidla a seznámit s nimi tým", "Proškolit klíčové pracovníky",
           "Zavést pravidelné hodnocení individuálních plánů", "Upravit informace pro zájemce do srozumitelné podoby",
           "Doplnit postup pro nouzové a havarijní situace", "Zavést týmovou supervizi jednou měsíčně"]
WORKERS_PER_PROVIDER = 6


def _aware(day: dt.date, hour: int):
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour))


def seed(ctx) -> None:
    rng, today, kraj = ctx.rng, timezone.localdate(), home_kraj()
    if kraj is None:
        return
    people = {person.email: person for person in ctx.data.get("people", [])}
    coordinator = people.get("koordinator@demo.invalid")
    roles = {role.code: role for role in Role.objects.all()}
    programmes = _programmes(rng, kraj, coordinator)
    terms = _terms(rng, kraj, programmes, today)
    providers, staff_provider = _providers(kraj)
    workers = _workers(rng, ctx, people, providers, staff_provider, roles, coordinator)
    _attendance(rng, terms, workers, today, coordinator)
    _own_records_and_plan(rng, workers, programmes, people, today)
    supervisors = _supervisors(ctx, kraj, coordinator)
    _sessions(rng, providers, supervisors, today, people)
    methodologist = _methodologist(ctx, kraj, coordinator)
    _self_assessments(rng, providers[:3], programmes, methodologist, today, people)
    for model in (Programme, Term, TermRegistration, Certificate, ProviderWorker, OwnRecord, PlannedEducation,
                  Supervisor, SupervisionSession, Methodologist, SelfAssessmentRound, CriterionRating,
                  DevelopmentAction, Consultation, Topic, Role):
        add_initial_versions(model)
    pagecache.bump("education")
    ctx.data["education_programmes"], ctx.data["education_terms"] = len(programmes), len(terms)


def _programmes(rng, kraj, coordinator) -> list[Programme]:
    topics = {topic.code: topic for topic in Topic.objects.all()}
    roles = {role.code: role for role in Role.objects.all()}
    standards = {standard.number: standard for standard in QualityStandard.objects.all()}
    programmes = Programme.objects.bulk_create([
        Programme(kraj=kraj, title=title, organiser=organiser, hours=Decimal(hours), form=form,
                  description=f"{title}: program dalšího vzdělávání (ukázková data). Cílem je přenést poznatky "
                              "do každodenní praxe služby.",
                  accreditation_number=f"A{2023 + index % 3}/{1000 + index * 37:04d}-SP/PC/VP" if accredited else "",
                  accredited_until=dt.date(2027 + index % 3, 6, 30) if accredited else None)
        for index, (title, organiser, hours, form, _t, _r, _s, accredited) in enumerate(PROGRAMMES)])
    Topics, Roles, Standards = (Programme.topics.through, Programme.target_roles.through,
                                Programme.standards.through)
    Topics.objects.bulk_create([Topics(programme=p, topic=topics[code]) for p, row in zip(programmes, PROGRAMMES,
                                                                                            strict=True)
                                for code in row[4]])
    Roles.objects.bulk_create([Roles(programme=p, role=roles[code]) for p, row in zip(programmes, PROGRAMMES,
                                                                                        strict=True)
                               for code in row[5]])
    Standards.objects.bulk_create([Standards(programme=p, qualitystandard=standards[number])
                                   for p, row in zip(programmes, PROGRAMMES, strict=True) for number in row[6]])
    if coordinator is not None:
        Managers = Programme.managers.through
        Managers.objects.bulk_create([Managers(programme=p, user=coordinator) for p in programmes[:4]])
    return programmes


def _terms(rng, kraj, programmes, today) -> list[Term]:
    """40 terms from four months ago to eight months ahead, two per programme, never two on one day."""
    towns = {obec.name: obec for obec in Obec.objects.filter(name__in=TOWNS, orp__kraj=kraj).order_by("code")}
    terms = []
    for index in range(40):
        programme = programmes[index % len(programmes)]
        day = today + dt.timedelta(days=-120 + index * 9 + rng.randint(0, 3))
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        hours = min(int(programme.hours), 8)
        online = programme.form == Programme.Form.ONLINE
        town = towns.get(TOWNS[index % len(TOWNS)])
        terms.append(Term(
            programme=programme, starts_at=_aware(day, 9), ends_at=_aware(day, 9 + max(hours, 2)),
            obec=None if online else town, address="" if online or town is None else f"{town.name}, Školní 12",
            online_url="https://meet.example.invalid/vzdelavani" if online else "",
            capacity=rng.choice([12, 15, 20, 25, None]), price=rng.choice([None, Decimal(900), Decimal(1500)]),
            registration_open=True))
    return Term.objects.bulk_create(terms)


def _providers(kraj) -> tuple[list[Provider], Provider | None]:
    """The provider-staff login's provider first, then providers with active services in the same ORP (so the
    kraj's figures have cells of three providers), then others of the kraj: six in all."""
    staff_link = ProviderStaff.objects.filter(user__email="poskytovatel@demo.invalid").select_related(
        "provider").first()
    first = staff_link.provider if staff_link else None
    services = Service.objects.active().filter(orp__kraj=kraj).select_related("provider", "orp").order_by("pk")
    home_orp = services.filter(provider=first).values_list("orp_id", flat=True).first() if first else None
    chosen = [first] if first else []
    for service in sorted(services, key=lambda s: (s.orp_id != home_orp, s.pk)):
        if service.provider not in chosen:
            chosen.append(service.provider)
        if len(chosen) == 6:
            break
    return chosen, first


def _workers(rng, ctx, people, providers, staff_provider, roles, coordinator) -> list[ProviderWorker]:
    """Six workers per provider from the demo people; the verified professional works for the staff login's
    provider, whose main contact (the provider-staff login) is also an education manager."""
    now = timezone.now()
    pool = [p for email, p in sorted(people.items()) if email.endswith("@demo.invalid") and "." in email.split("@")[0]]
    rng.shuffle(pool)
    services = {}
    for service in Service.objects.active().filter(provider__in=providers).order_by("pk"):
        services.setdefault(service.provider_id, []).append(service)
    links = []
    for index, provider in enumerate(providers):
        team = pool[index * WORKERS_PER_PROVIDER:(index + 1) * WORKERS_PER_PROVIDER]
        if provider == staff_provider:
            team = [people[e] for e in ("poskytovatel@demo.invalid", "overeny@demo.invalid") if e in people] + team[:4]
        for position, person in enumerate(team):
            role = ("management" if position == 0 else "social-worker" if position < 3 else "care-worker")
            own = services.get(provider.pk) or [None]
            links.append(ProviderWorker(
                provider=provider, person=person, role=roles[role], service=own[position % len(own)],
                is_education_manager=position == 0, invited_by=coordinator, invited_at=now - dt.timedelta(days=200),
                accepted_at=None if position == 5 else now - dt.timedelta(days=199)))  # one invitation pending
    return ProviderWorker.objects.bulk_create(links)


def _attendance(rng, terms, workers, today, coordinator) -> None:
    """Registrations of linked workers; past terms with attendance confirmed and certificates issued; one full
    upcoming term with a waiting list."""
    people = [w.person for w in workers if w.accepted_at is not None]
    registrations = []
    for term in terms:
        capacity = term.capacity or 30
        chosen = rng.sample(people, k=min(len(people), rng.randint(3, 9)))
        past = term.ends_at < timezone.now()
        for position, person in enumerate(chosen):
            waiting = position >= capacity
            registrations.append(TermRegistration(
                term=term, person=person, registered_at=term.starts_at - dt.timedelta(days=30 - position),
                status=RegistrationStatus.WAITING if waiting else RegistrationStatus.REGISTERED,
                attended=(rng.random() < 0.9) if past and not waiting else None))
    full = next((t for t in terms if t.starts_at.date() > today + dt.timedelta(days=20)), None)
    if full is not None:
        full.capacity = 3
        Term.objects.filter(pk=full.pk).update(capacity=3)
        taken = {r.person_id for r in registrations if r.term is full}
        for position, person in enumerate(p for p in people if p.pk not in taken):
            if position >= 2:
                break
            registrations.append(TermRegistration(term=full, person=person, status=RegistrationStatus.WAITING,
                                                  registered_at=full.starts_at - dt.timedelta(days=5 - position)))
        registered = [r for r in registrations if r.term is full and r.status == RegistrationStatus.REGISTERED]
        for extra in registered[3:]:
            extra.status = RegistrationStatus.WAITING
    saved = TermRegistration.objects.bulk_create(registrations)
    certificates = []
    for registration in saved:
        if registration.attended:
            term, programme = registration.term, registration.term.programme
            certificates.append(Certificate(
                registration=registration, person_id=registration.person_id,
                number=f"VZ-{term.pk:05d}-{registration.pk:06d}", programme_title=programme.title,
                accreditation_number=programme.accreditation_number if programme.is_accredited else "",
                organiser=programme.organiser, hours=programme.hours,
                completed_on=timezone.localtime(term.ends_at).date(), issued_by=coordinator,
                issued_at=term.ends_at + dt.timedelta(days=1)))
    Certificate.objects.bulk_create(certificates)


def _own_records_and_plan(rng, workers, programmes, people, today) -> None:
    """A few records from elsewhere (with a small PDF as their proof) and this year's plan of the staff login's
    provider."""
    proof = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
             b"trailer<</Root 1 0 R>>\n%%EOF\n% ukazkovy doklad\n")
    chosen = [w.person for w in workers if w.accepted_at is not None][::3]
    verified = people.get("overeny@demo.invalid")
    if verified is not None and verified not in chosen:
        chosen.insert(0, verified)
    for index, person in enumerate(chosen[:8]):
        record = OwnRecord(person=person, title=rng.choice(["Konference o stárnutí", "Kurz bazální stimulace",
                                                            "Stáž v azylovém domě"]),
                           kind=rng.choice(list(OwnRecord.Kind.values)), organiser="Jiný vzdělavatel (ukázka)",
                           hours=Decimal(rng.choice([4, 6, 8])),
                           completed_on=today - dt.timedelta(days=10 + index * 17), proof_type="pdf",
                           proof_size=len(proof))
        record.proof.save(f"doklad-ukazka-{index}.pdf", ContentFile(proof), save=False)
        record.save()
    first = workers[0].provider
    plan = [PlannedEducation(worker=w, year=today.year, programme=rng.choice(programmes),
                             hours=Decimal(8), note="Ukázkový plán", created_by=workers[0].person)
            for w in workers if w.provider == first and w.accepted_at is not None]
    PlannedEducation.objects.bulk_create(plan)


def _demo_user(ctx, email, first, last, organisation, role_text):
    from accounts.models import User

    user = User.objects.create(username=email.split("@")[0][:150], email=email, first_name=first, last_name=last,
                               display_name=f"{first} {last}", organisation=organisation, role_text=role_text,
                               is_verified=True, verified_at=timezone.now(), password=ctx.password_hash)
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    return user


def _supervisors(ctx, kraj, coordinator) -> list[Supervisor]:
    types = list(ServiceType.objects.filter(known=True).order_by("number")[:12])
    groups = list(TargetGroup.objects.filter(known=True).order_by("number")[:8])
    orps = list(kraj.orps.order_by("code"))
    supervisors = []
    for index, (name, case, team, management) in enumerate(SUPERVISORS):
        first, last = name.split()[-2:]
        person = _demo_user(ctx, f"supervizor{index + 1}@demo.invalid", first, last, "Supervizní praxe",
                            "supervizorka" if last.endswith("á") else "supervizor")
        pending = index == len(SUPERVISORS) - 1
        supervisor = Supervisor.objects.create(
            person=person, name=name, qualification="Akreditovaný výcvik v supervizi, praxe v sociálních "
                                                    "službách (ukázková data).",
            does_case=case, does_team=team, does_management=management, email=f"supervize{index + 1}@example.invalid",
            phone=f"+420 600 000 {100 + index}", status=Supervisor.Status.PENDING if pending
            else Supervisor.Status.APPROVED, approved_by=None if pending else coordinator,
            approved_at=None if pending else timezone.now())
        supervisor.kraje.set([kraj])
        supervisor.orps.set(orps[index % len(orps):index % len(orps) + 2] if orps else [])
        supervisor.service_types.set(types[index % 4::3])
        supervisor.target_groups.set(groups[index % 3::2])
        supervisors.append(supervisor)
    ctx.logins.append(("supervisor (register of supervisors)", "supervizor1@demo.invalid"))
    return supervisors


def _sessions(rng, providers, supervisors, today, people) -> None:
    approved = [s for s in supervisors if s.is_approved]
    services = list(Service.objects.active().filter(provider__in=providers[:5]).order_by("pk"))
    sessions = []
    for index, service in enumerate(services):
        if index % 4 == 3:
            continue  # a service without supervision this year: the kraj's coverage shows it
        for month in range(1, today.month + 1, 2):
            day = dt.date(today.year, month, min(20, 5 + index))
            if day > today:
                break
            supervisor = rng.choice(approved)
            sessions.append(SupervisionSession(service=service, held_on=day, kind=rng.choice(list(
                SupervisionKind.values)), hours=Decimal(rng.choice([1.5, 2, 3])), supervisor=supervisor,
                recorded_by=people.get("poskytovatel@demo.invalid")))
    SupervisionSession.objects.bulk_create(sessions)


def _methodologist(ctx, kraj, coordinator):
    person = _demo_user(ctx, "metodik@demo.invalid", "Radka", "Malá", "Krajský úřad – metodické centrum",
                        "metodička kvality sociálních služeb")
    Methodologist.objects.create(person=person, kraj=kraj, appointed_by=coordinator)
    Methodologist.sync_role(person)
    ctx.logins.append(("quality methodologist of the home region", person.email))
    return person


def _self_assessments(rng, providers, programmes, methodologist, today, people) -> None:
    """Two rounds for each of three providers: last year's, completed, and this year's (completed, but in
    progress for the staff login's provider, which works on it), with plans and consultations."""
    criteria = list(QualityCriterion.objects.select_related("standard").order_by("pk"))
    staff = people.get("poskytovatel@demo.invalid")
    weak = {7, 10, 5}  # the standards the demo providers fulfil least
    for position, provider in enumerate(providers):
        services = list(Service.objects.active().filter(provider=provider).order_by("pk")[:2])
        if not services:
            continue
        previous = None
        for round_number, year in enumerate((today.year - 1, today.year)):
            in_progress = round_number == 1 and position == 0
            started = dt.date(year, 3, 1) if year < today.year else today - dt.timedelta(days=40)
            round_ = SelfAssessmentRound.objects.create(
                provider=provider, title=f"Sebehodnocení {year}", started_on=started, previous=previous,
                status=SelfAssessmentRound.Status.IN_PROGRESS if in_progress
                else SelfAssessmentRound.Status.COMPLETED,
                completed_on=None if in_progress else started + dt.timedelta(days=30), started_by=staff)
            round_.services.set(services)
            ratings = []
            for criterion in criteria:
                chances = [0.45, 0.35, 0.2] if criterion.standard.number in weak else [0.8, 0.15, 0.05]
                if round_number == 1:
                    chances = [chances[0] + 0.1, chances[1] - 0.05, chances[2] - 0.05]
                rating = rng.choices([Rating.FULFILLED, Rating.PARTLY, Rating.NOT_FULFILLED], chances)[0]
                if in_progress and criterion.standard.number > 9:
                    rating = ""  # not rated yet
                ratings.append(CriterionRating(
                    round=round_, criterion=criterion, rating=rating,
                    evidence="Vnitřní pravidlo a záznamy z porad (ukázka)." if rating else "",
                    comment="Doporučuji doplnit postup o konkrétní příklady." if rating == Rating.NOT_FULFILLED
                    and rng.random() < 0.5 else "", commented_by=methodologist if rating == Rating.NOT_FULFILLED
                    else None))
            CriterionRating.objects.bulk_create(ratings)
            for number, description in enumerate(rng.sample(ACTIONS, k=3)):
                deadline = started + dt.timedelta(days=90 + 60 * number)
                done = deadline < today and rng.random() < 0.6
                action = DevelopmentAction.objects.create(
                    round=round_, description=description, owner=rng.choice(["vedoucí služby", "metodik služby",
                                                                             "ředitel organizace"]),
                    deadline=deadline, state=DevelopmentAction.State.DONE if done else rng.choice(["open", "progress"]),
                    done_on=min(deadline, today) if done else None,
                    progress_note="Hotovo, ověřeno na poradě." if done else "")
                action.criteria.set([c for c in criteria if c.standard.number in weak][number::5][:2])
                action.programmes.set([p for p in programmes if set(p.standards.values_list("number", flat=True))
                                       & weak][number:number + 1])
            consultation_day = started + dt.timedelta(days=14)
            Consultation.objects.create(
                round=round_, starts_at=_aware(consultation_day, 10), ends_at=_aware(consultation_day, 12),
                place="Krajský úřad, metodické centrum", held_by=methodologist,
                status=Consultation.Status.HELD if consultation_day < today else Consultation.Status.PLANNED,
                conclusions="Projít standardy 5 a 7 na poradě týmu." if consultation_day < today else "")
            previous = round_
