"""Who may see and do what in education, supervision and self-assessment. Views, templates and the admin ask these
functions, never groups.

- The public sees the catalogue (programmes, terms), the register of approved supervisors and the verification
  page of a certificate (by its signed code).
- A signed-in person registers for terms and keeps their own education record (certificates, hours recorded with
  a proof); nobody else sees it, except the education managers of the providers the person works for (accepted
  link) — their hours and proofs, never more.
- A provider's people: its main contacts (services.ProviderStaff, linked by the coordinator) and its education
  managers (ProviderWorker.is_education_manager, given by the coordinator or a main contact). They invite workers,
  keep the education plan, record supervision sessions and run the provider's self-assessment.
- Programme organisers (Programme.managers) and the coordinators of the programme's kraj see the registrations of
  its terms and confirm attendance, which issues the certificates.
- A kraj's quality methodologists (education.Methodologist) read and comment the self-assessments of the kraj's
  providers and hold consultations; the kraj's coordinators see only anonymised figures (hours, coverage, the
  quality picture), never a provider's self-assessment or a worker's name.
"""

from django.db.models import Q

from accounts import permissions as account_permissions
from accounts import roles
from services.models import Provider, ProviderStaff


def coordinated_kraje(user):
    return account_permissions.coordinated_kraje(user)


def coordinates_kraj(user, kraj_id) -> bool:
    return user.is_authenticated and (user.is_superuser or coordinated_kraje(user).filter(pk=kraj_id).exists())


def coordinates_provider(user, provider) -> bool:
    """A regional coordinator of a kraj the provider is seated in or runs a service in (Provider.in_kraje)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    kraje = coordinated_kraje(user)
    return kraje.exists() and Provider.objects.in_kraje(kraje).filter(pk=provider.pk).exists()


# --- The kraj's methodologists ---------------------------------------------------------------------------------


def methodologist_kraje(user):
    """The kraje the person is the quality methodologist of (every kraj for a superuser)."""
    from territory.models import Kraj

    if not user.is_authenticated:
        return Kraj.objects.none()
    if user.is_superuser:
        return Kraj.objects.all()
    return Kraj.objects.filter(pk__in=user.methodologist_of.filter(ended_on__isnull=True).values("kraj"))


def is_methodologist(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.methodologist_of.filter(ended_on__isnull=True)
                                      .exists())


def is_methodologist_of_provider(user, provider) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    kraje = methodologist_kraje(user)
    return kraje.exists() and Provider.objects.in_kraje(kraje).filter(pk=provider.pk).exists()


def kraj_view_kraje(user):
    """The kraje whose anonymised figures the person sees: their coordinators and methodologists."""
    from territory.models import Kraj

    if not user.is_authenticated:
        return Kraj.objects.none()
    if user.is_superuser:
        return Kraj.objects.all()
    return Kraj.objects.filter(Q(pk__in=coordinated_kraje(user).values("pk"))
                               | Q(pk__in=methodologist_kraje(user).values("pk")))


def can_see_kraj_figures(user) -> bool:
    return kraj_view_kraje(user).exists()


# --- A provider's people ---------------------------------------------------------------------------------------


def is_main_contact(user, provider) -> bool:
    """The provider's staff on the portal (services.ProviderStaff, linked by the kraj's coordinator)."""
    return user.is_authenticated and ProviderStaff.objects.filter(user=user, provider=provider).exists()


def is_education_manager(user, provider) -> bool:
    from education.models import ProviderWorker

    return user.is_authenticated and ProviderWorker.objects.managers().filter(person=user, provider=provider).exists()


def managed_providers(user):
    """Providers whose education the person manages: as a main contact or an education manager."""
    from education.models import ProviderWorker

    if not user.is_authenticated:
        return Provider.objects.none()
    managed = ProviderWorker.objects.managers().filter(person=user).values("provider")
    return Provider.objects.filter(Q(staff_links__user=user) | Q(pk__in=managed)).distinct()


def can_manage_education(user, provider) -> bool:
    """The organisation's education page: its workers' hours, the education plan, inviting workers, supervision
    sessions and the self-assessment."""
    if not user.is_authenticated:
        return False
    return is_main_contact(user, provider) or is_education_manager(user, provider)


def can_grant_education_manager(user, provider) -> bool:
    """The education-manager permission is given by the provider's main contact or the kraj's coordinator."""
    return is_main_contact(user, provider) or coordinates_provider(user, provider)


# --- Catalogue, registration, certificates ---------------------------------------------------------------------


def can_manage_programme(user, programme) -> bool:
    """Organisers of the programme on the portal and the coordinators of its kraj."""
    if not user.is_authenticated:
        return False
    if coordinates_kraj(user, programme.kraj_id):
        return True
    return programme.managers.filter(pk=user.pk).exists()


def can_register(user, term) -> bool:
    return (user.is_authenticated and term.programme.published and term.registration_open
            and not term.is_cancelled and not term.has_started)


def can_see_certificate(user, certificate) -> bool:
    """Its holder, the organisers of its programme and the coordinators of the programme's kraj."""
    if not user.is_authenticated:
        return False
    if certificate.person_id == user.pk:
        return True
    return can_manage_programme(user, certificate.registration.term.programme)


def can_revoke_certificate(user, certificate) -> bool:
    return can_manage_programme(user, certificate.registration.term.programme)


def works_for_managed_provider(user, person_id) -> bool:
    """`person_id` has an accepted link to a provider whose education `user` manages."""
    from education.models import ProviderWorker

    return ProviderWorker.objects.current().filter(person_id=person_id,
                                                   provider__in=managed_providers(user)).exists()


def can_see_proof(user, record) -> bool:
    """The proof of education recorded by a person: the person and the education managers (and main contacts) of
    the providers the person works for."""
    if not user.is_authenticated:
        return False
    return record.person_id == user.pk or works_for_managed_provider(user, record.person_id)


# --- Supervision -----------------------------------------------------------------------------------------------


def can_record_supervision(user, service) -> bool:
    return can_manage_education(user, service.provider)


def can_edit_supervisor_profile(user, supervisor) -> bool:
    """The supervisor keeps their own profile (pending or approved); a suspended profile is the coordinator's."""
    return user.is_authenticated and supervisor.person_id == user.pk and not supervisor.is_suspended


def can_approve_supervisor(user, supervisor) -> bool:
    if not user.is_authenticated:
        return False
    return user.is_superuser or supervisor.kraje.filter(pk__in=coordinated_kraje(user).values("pk")).exists()


# --- Self-assessment -------------------------------------------------------------------------------------------


def can_run_self_assessment(user, provider) -> bool:
    return can_manage_education(user, provider)


def can_see_round(user, round_) -> bool:
    """The provider's people and the methodologists of its kraj. Not the coordinators, not the public."""
    return can_run_self_assessment(user, round_.provider) or is_methodologist_of_provider(user, round_.provider)


def can_edit_round(user, round_) -> bool:
    """Ratings, evidence and notes: the provider's people while the round is in progress."""
    return not round_.is_completed and can_run_self_assessment(user, round_.provider)


def can_comment_round(user, round_) -> bool:
    return is_methodologist_of_provider(user, round_.provider)


def can_plan(user, round_) -> bool:
    """The development plan's actions and their progress: the provider's people."""
    return can_run_self_assessment(user, round_.provider)


def visible_rounds_q(user) -> Q:
    """The rounds a person may see, as a filter for lists."""
    from education.models import ProviderWorker

    if not user.is_authenticated:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    kraje = methodologist_kraje(user)
    managed = ProviderWorker.objects.managers().filter(person=user).values("provider")
    return (Q(provider__staff_links__user=user) | Q(provider__in=managed)
            | Q(provider__in=Provider.objects.in_kraje(kraje).values("pk")))


# The admin permissions the roles need (gathered by accounts.roles.role_permissions()). Methodologists work on the
# site only; a provider's self-assessment has no admin for coordinators (it is private to the provider and the
# methodologists).
ROLE_PERMISSIONS = {
    roles.REGIONAL_COORDINATOR: [
        # Their kraj's catalogue, registrations, certificates, workers' links (the education-manager permission),
        # supervisors (approval) and sessions, methodologists: region-scoped in education/admin.py.
        *roles.model_perms("education", "programme", "view", "add", "change", "delete"),
        *roles.model_perms("education", "term", "view", "add", "change", "delete"),
        *roles.model_perms("education", "termregistration", "view"),
        *roles.model_perms("education", "certificate", "view"),
        *roles.model_perms("education", "providerworker", "view", "change"),
        *roles.model_perms("education", "supervisor", "view", "change"),
        *roles.model_perms("education", "supervisionsession", "view"),
        *roles.model_perms("education", "methodologist", "view", "add", "change"),
        # National codelists: read only.
        "education.view_topic", "education.view_role",
    ],
    roles.QUALITY_METHODOLOGIST: [],
}
