"""Demo coalitions: two partnership coalitions (Dům na půl cesty, Azylové bydlení) with six meetings each,
a working group on the triad principle, a coordination group, and events of the region."""

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.text import slugify

from coalitions.models import (AgendaItem, Coalition, Document, Event, Meeting, Membership, Minutes, Registration,
                               Task)
from services.models import Provider, ServiceType
from territory.models import Obec, Orp, home_kraj

AGENDA = [  # (kind, title, speaker, minutes)
    ("information", "Zahájení a novinky z kraje", "koordinátorka koalice", 20),
    ("educational", "Vzdělávací blok: standardy kvality v praxi", "Mgr. Lenka Dvořáková", 90),
    ("break", "Přestávka", "", 15),
    ("lecture", "Přednáška: financování služeb a síť služeb kraje", "Ing. Pavel Král", 60),
    ("consultation", "Konzultace k projektovým záměrům členů", "metodik kraje", 60),
    ("discussion", "Diskuse a shrnutí", "", 30),
]
SIDES = ["provider", "commissioner", "user", "expert"]


def minimal_pdf(title: str) -> bytes:
    """A small valid one-page PDF with a title (demo documents must open in a PDF reader)."""
    text = title.encode("ascii", "ignore").decode()[:80].replace("(", "").replace(")", "")
    stream = f"BT /F1 18 Tf 50 780 Td ({text}) Tj ET".encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _members(ctx, coalition, people, providers, rng):
    coordinator = next(p for p in people if p.email == "koalice@demo.invalid")
    Membership.objects.create(coalition=coalition, person=coordinator, organisation_kind="municipality",
                              organisation_name=coordinator.organisation or "Městský úřad Kladno",
                              triad_side="commissioner",
                              role="coordinator")
    chosen = rng.sample([p for p in people if p.is_verified and not p.is_staff and p.email != coordinator.email], 11)
    members = [coordinator]
    for index, person in enumerate(chosen):
        side = SIDES[index % 4]
        if side == "provider":
            provider = rng.choice(providers)
            membership = Membership(organisation_kind="provider", provider=provider, organisation_name=provider.name)
        elif side == "commissioner":
            obec = rng.choice(list(Obec.objects.filter(orp__kraj=coalition.kraj, population__gt=8000)[:30]))
            membership = Membership(organisation_kind="municipality", obec=obec, organisation_name=f"Město {obec.name}")
        elif side == "user":
            membership = Membership(organisation_kind="ngo", organisation_name="Spolek uživatelů sociálních služeb")
        else:
            membership = Membership(organisation_kind="independent", organisation_name="")
        membership.coalition, membership.person, membership.triad_side = coalition, person, side
        membership.role = "chair" if index == 0 else "member"
        membership.save()
        members.append(person)
    return members


# Czech public holidays with a fixed date (Easter Monday and Good Friday move; the demo leaves them out).
FIXED_HOLIDAYS = {(1, 1), (5, 1), (5, 8), (7, 5), (7, 6), (9, 28), (10, 28), (11, 17), (12, 24), (12, 25), (12, 26)}


def working_day(day: dt.date) -> dt.date:
    """The day itself or the next working day: coalitions meet and events happen on weekdays, not on holidays."""
    while day.weekday() >= 5 or (day.month, day.day) in FIXED_HOLIDAYS:
        day += dt.timedelta(days=1)
    return day


TIMES = {6: "šestkrát", 5: "pětkrát", 4: "čtyřikrát", 3: "třikrát"}


def _description(name: str, kind: str, topic: str, meetings: int) -> str:
    """What the coalition says about itself, consistent with the meetings the demo gives it."""
    if kind == "partnership":
        return (f"**{name}** spojuje poskytovatele, obce (zadavatele), zástupce uživatelů a odborníky. "
                f"Téma: {topic}. Během projektu se sejde {TIMES[meetings]} na společných celodenních setkáních "
                f"se vzdělávacími bloky, přednáškami a konzultacemi a připravuje metodiku, analýzu kapacit, "
                f"příklady dobré praxe a projektové záměry.")
    return (f"**{name}**: {topic}. Členové se scházejí přibližně jednou za šest týdnů; v tomto období je "
            f"naplánováno {TIMES[meetings]} setkání. Zápisy a úkoly zveřejňujeme na stránkách skupiny.")


def _meetings(coalition, members, today, rng, *, count=6, first_offset_days=-150):
    meetings = []
    for number in range(1, count + 1):
        day = working_day(today + dt.timedelta(days=first_offset_days + (number - 1) * 45))
        starts = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))
        past = day < today
        meeting = Meeting.objects.create(
            coalition=coalition, number=number, series_total=count, title=f"{number}. setkání koalice",
            starts_at=starts, ends_at=starts + dt.timedelta(hours=6, minutes=30), address="Zborovská 11, Praha 5",
            obec=Obec.objects.get(pk=554782) if Obec.objects.filter(pk=554782).exists() else None,
            status="held" if past else "planned", registration_open=not past, capacity=25, published=True,
            invitations_sent_at=starts - dt.timedelta(days=20), reminders_sent_at=starts - dt.timedelta(days=2)
            if past else None)
        clock = dt.datetime.combine(day, dt.time(9, 0))
        for order, (kind, title, speaker, minutes) in enumerate(AGENDA, start=1):
            AgendaItem.objects.create(meeting=meeting, order=order, kind=kind, title=title, speaker=speaker,
                                      starts_at=clock.time(), ends_at=(clock + dt.timedelta(minutes=minutes)).time())
            clock += dt.timedelta(minutes=minutes)
        for person in members:
            if past:
                attended = rng.random() < 0.8
                Registration.objects.create(meeting=meeting, person=person, attended=attended,
                                            status="registered" if attended else "apologised")
            elif number == count - 1 and rng.random() < 0.5:
                Registration.objects.create(meeting=meeting, person=person, status="registered")
        meetings.append(meeting)
    return meetings


def _minutes_and_tasks(coalition, meetings, members, today, coordinator):
    held = [m for m in meetings if m.status == "held"]
    for index, meeting in enumerate(held):
        last = index == len(held) - 1
        Minutes.objects.create(
            meeting=meeting, updated_by=coordinator,
            status="comments" if last else "approved", approved_by=None if last else coordinator,
            approved_at=None if last else meeting.ends_at + dt.timedelta(days=10),
            text=("## Průběh setkání\n\nSetkání vedla koordinátorka koalice. Ve vzdělávacím bloku se členové "
                  "věnovali standardům kvality; v konzultacích prošli projektové záměry.\n\n"
                  "## Usnesení\n\n1. Koalice schvaluje harmonogram prací na metodice.\n"
                  "2. Členové připomínkují analýzu kapacit do příštího setkání."))
        Task.objects.create(coalition=coalition, meeting=meeting, kind="decision",
                            text="Koalice schvaluje harmonogram prací na metodice.", status="done")
        Task.objects.create(coalition=coalition, meeting=meeting, kind="task", owner=members[1 + index % 5],
                            text=f"Připravit podklady ke kapitole {index + 1} metodiky.",
                            deadline=meeting.starts_at.date() + dt.timedelta(days=40),
                            status="done" if index < len(held) - 2 else "open")


def _documents(coalition, meetings, coordinator):
    kinds = [("methodology", "Metodika práce"), ("capacity_analysis", "Analýza kapacit"),
             ("good_practice", "Příklady dobré praxe"), ("project_plan", "Projektový záměr"),
             ("presentation", "Prezentace ze vzdělávacího bloku"), ("invitation", "Pozvánka na setkání")]
    for index, (kind, title) in enumerate(kinds):
        full_title = f"{title} – {coalition.name}"
        document = Document(coalition=coalition, meeting=meetings[min(index, len(meetings) - 1)], kind=kind,
                            title=full_title, description=f"{title} připravená členy koalice (ukázka).",
                            version="1.0", public=kind != "presentation", uploaded_by=coordinator, file_type="pdf")
        content = minimal_pdf(slugify(full_title))
        document.file.save(f"{slugify(full_title)}.pdf", ContentFile(content), save=False)
        document.file_size = len(content)
        document.save()


def seed(ctx) -> None:
    rng = ctx.rng
    kraj = home_kraj()
    today = timezone.localdate()
    people = ctx.data.get("people", [])
    if not people:
        return
    coordinator = next(p for p in people if p.email == "koalice@demo.invalid")
    providers = list(Provider.objects.filter(obec__orp__kraj=kraj)[:60]) or list(Provider.objects.all()[:60])
    specs = [
        ("Partnerská koalice Dům na půl cesty", "partnership", "Domy na půl cesty a návaznost bydlení",
         ["DruhSocialniSluzby/21"], "public", -150),
        ("Partnerská koalice Azylové bydlení", "partnership", "Azylové domy a noclehárny",
         ["DruhSocialniSluzby/20", "DruhSocialniSluzby/26"], "members", -120),
        ("Pracovní skupina Triáda", "working", "Spolupráce poskytovatel – zadavatel – uživatel", [], "public", -60),
        ("Koordinační skupina ORP Kladno", "coordination", "Komunitní plánování sociálních služeb", [], "public",
         -200),
    ]
    for name, kind, topic, type_codes, visibility, offset in specs:
        count = 6 if kind == "partnership" else 4
        coalition = Coalition.objects.create(
            name=name, slug=slugify(name)[:80], kind=kind, topic=topic, kraj=kraj, visibility=visibility,
            started_on=today + dt.timedelta(days=offset - 30), description=_description(name, kind, topic, count))
        coalition.service_types.set(ServiceType.objects.filter(code__in=type_codes))
        if kind == "coordination":
            coalition.orps.set(Orp.objects.filter(pk=2109))
        members = _members(ctx, coalition, people, providers, rng)
        meetings = _meetings(coalition, members, today, rng, count=count, first_offset_days=offset)
        _minutes_and_tasks(coalition, meetings, members, today, coordinator)
        if kind == "partnership":
            _documents(coalition, meetings, coordinator)
    events = [
        ("Veletrh sociálních služeb Kladno", "fair", 21, "Kladno", "Město Kladno a Krajský úřad Středočeského kraje"),
        ("Kulatý stůl: bydlení pro lidi bez domova", "round_table", 35, "Beroun", "Krajský úřad Středočeského kraje"),
        ("Krajská konference sociálních služeb", "conference", 60, "Mladá Boleslav", "Středočeský kraj"),
        ("Kurz: dluhové poradenství v praxi", "course", -20, "Kolín", "Vzdělávací centrum pro sociální práci"),
    ]
    for title, kind, days, town, organiser in events:
        starts = timezone.make_aware(dt.datetime.combine(working_day(today + dt.timedelta(days=days)), dt.time(9, 30)))
        Event.objects.create(
            title=title, slug=slugify(title)[:80], kind=kind, starts_at=starts, ends_at=starts + dt.timedelta(hours=7),
            place=f"Kulturní dům, {town}", obec=Obec.objects.filter(name=town, orp__kraj=kraj).first(), kraj=kraj,
            organiser=organiser, registration_on_portal=kind in ("round_table", "course"), capacity=40,
            description=f"{title}. Program a pokyny pošleme přihlášeným e-mailem. Vstup zdarma (ukázková akce).")
