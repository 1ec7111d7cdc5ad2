"""Builders of education's records: programmes, terms, certificates, workers' links, own records, supervisors and
self-assessment rounds, all in the home kraj unless told otherwise."""

import datetime as dt
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from education.models import (
    Methodologist,
    OwnRecord,
    Programme,
    ProviderWorker,
    Rating,
    Role,
    SelfAssessmentRound,
    Supervisor,
    Term,
    Topic,
)
from territory.models import Kraj, Obec, home_kraj
from tests.accounts.factories import UserFactory
from tests.coalitions.factories import minimal_pdf
from tests.services.factories import make_service


def role(code="social-worker") -> Role:
    return Role.objects.get(code=code)


def kladno() -> Obec:
    return Obec.objects.get(pk=532053)


def make_programme(*, hours=8, kraj=None, accredited=True, topics=("communication",), roles=("social-worker",),
                   standards=(), **fields) -> Programme:
    from network.models import QualityStandard

    fields.setdefault("title", "Komunikace s uživateli")
    fields.setdefault("organiser", "Vzdělávací institut Kladno")
    programme = Programme.objects.create(
        kraj=kraj or home_kraj(), hours=Decimal(hours),
        accreditation_number="A2024/0123-SP/PC/VP" if accredited else "",
        accredited_until=dt.date(2030, 12, 31) if accredited else None, **fields)
    programme.topics.set(Topic.objects.filter(code__in=topics))
    programme.target_roles.set(Role.objects.filter(code__in=roles))
    programme.standards.set(QualityStandard.objects.filter(number__in=standards))
    return programme


def make_term(programme=None, *, days=10, capacity=None, length_hours=6, **fields) -> Term:
    """A term `days` from now (negative: in the past) at Kladno."""
    starts = timezone.now().replace(microsecond=0) + dt.timedelta(days=days)
    fields.setdefault("obec", kladno())
    fields.setdefault("address", "Kladno, Náměstí Starosty Pavla 44")
    return Term.objects.create(programme=programme or make_programme(), starts_at=starts,
                               ends_at=starts + dt.timedelta(hours=length_hours), capacity=capacity, **fields)


def attended_certificate(person, *, programme=None, days=-30, by=None):
    """A past term the person attended, with the certificate the organiser's confirmation issued."""
    term = make_term(programme or make_programme(), days=days)
    term.register(person)
    term.record_attendance({person.pk}, {person.pk}, by=by)
    term.issue_certificates(by=by)
    return term.registrations.get(person=person).certificate


def make_own_record(person, *, hours=6, on=None, **fields) -> OwnRecord:
    fields.setdefault("title", "Kurz první pomoci")
    fields.setdefault("kind", OwnRecord.Kind.TRAINING)
    fields.setdefault("organiser", "Červený kříž")
    record = OwnRecord(person=person, hours=Decimal(hours), completed_on=on or timezone.localdate(),
                       proof_type="pdf", proof_size=len(minimal_pdf()), **fields)
    record.proof.save("doklad.pdf", ContentFile(minimal_pdf()), save=False)
    record.save()
    return record


def make_worker(provider, person=None, *, role_code="social-worker", manager=False, accepted=True, service=None):
    return ProviderWorker.objects.create(provider=provider, person=person or UserFactory(verified=True),
                                         role=role(role_code), is_education_manager=manager, service=service,
                                         accepted_at=timezone.now() if accepted else None)


def make_methodologist(kraj=None):
    person = UserFactory(verified=True)
    Methodologist.objects.create(person=person, kraj=kraj or home_kraj())
    Methodologist.sync_role(person)
    return person


def make_supervisor(*, status=Supervisor.Status.APPROVED, kraj=None, **fields) -> Supervisor:
    fields = {"name": "Mgr. Alena Supervizorová", "qualification": "Výcvik v supervizi (ČIS), 15 let praxe.",
              "does_case": True, "does_team": True, "email": "supervize@example.cz", **fields}
    supervisor = Supervisor.objects.create(person=fields.pop("person", None) or UserFactory(verified=True),
                                           status=status, **fields)
    supervisor.kraje.set([kraj or home_kraj()])
    return supervisor


def make_round(provider=None, *, services=None, completed=False, rating=Rating.FULFILLED, by=None, title=None,
               completed_on=None) -> SelfAssessmentRound:
    """A round of `provider` (a new provider with one service by default) with every criterion rated `rating`
    (None: left unrated); `completed` closes it."""
    if services is None:
        service = make_service(provider=provider) if provider else make_service()
        services, provider = [service], service.provider
    round_ = SelfAssessmentRound.start(provider=provider, services=services, title=title or "Sebehodnocení",
                                       by=by)
    if rating is not None:
        round_.ratings.update(rating=rating)
    if completed:
        round_.complete(by=by)
        if completed_on is not None:
            SelfAssessmentRound.objects.filter(pk=round_.pk).update(completed_on=completed_on)
            round_.completed_on = completed_on
    return round_


def other_kraj() -> Kraj:
    return Kraj.objects.exclude(pk=home_kraj().pk).order_by("code").first()
