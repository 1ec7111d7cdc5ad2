"""What education adds to the portal-wide gates (tests/test_admin_matrix.py, tests/test_admin_post_matrix.py): one
record of each registered model in the home kraj, the national codelists that are not region-bound, and the new role
(the kraj's quality methodologist, who works on the site and has no admin permission)."""

import datetime as dt

from django.utils import timezone

NOT_REGION_BOUND = {
    "education.Topic": "national codelist of education topics, superusers edit",
    "education.Role": "national codelist of roles in social services, superusers edit",
}


def matrix_builders() -> dict:
    """label → builder(built) for tests/test_admin_matrix.py (shares its memo `built` and its service)."""
    from education.models import ProviderWorker, Role, Supervisor, Term, Topic
    from territory.models import home_kraj
    from tests.education.factories import make_programme

    def programme(built):
        if "education.Programme" not in built:
            built["education.Programme"] = make_programme(title="Matice vzdělávání")
        return built["education.Programme"]

    def term(built):
        if "education.Term" not in built:
            starts = timezone.now().replace(microsecond=0) + dt.timedelta(days=10)
            built["education.Term"] = Term.objects.create(programme=programme(built), starts_at=starts,
                                                          ends_at=starts + dt.timedelta(hours=6), capacity=10)
        return built["education.Term"]

    def supervisor(built):
        from tests.accounts.factories import UserFactory

        made = Supervisor.objects.create(person=UserFactory(), name="Matice Supervizor", qualification="Výcvik",
                                         does_team=True, email="matice@example.cz")
        made.kraje.set([home_kraj()])
        return made

    def worker(built):
        from tests.test_admin_matrix import _service

        return ProviderWorker.objects.create(provider=_service(built).provider, person=_user(),
                                             role=Role.objects.get(code="social-worker"), accepted_at=timezone.now())

    return {
        "education.Topic": lambda built: Topic.objects.order_by("pk").first(),
        "education.Role": lambda built: Role.objects.order_by("pk").first(),
        "education.Programme": programme,
        "education.Term": term,
        "education.Supervisor": supervisor,
        "education.ProviderWorker": worker,
    }


def _user():
    from tests.accounts.factories import UserFactory

    return UserFactory(verified=True)


def methodologist():
    """The kraj's quality methodologist (a role of the site, no admin permission)."""
    from tests.education.factories import make_methodologist

    return make_methodologist()


def hostile_scope(user) -> dict:
    """For tests/test_hostile_input.py: the education rows a demo role may change beyond its own rows and its
    providers (whose workers, plans, rounds and sessions hang on them already): a regional coordinator the
    programmes of their kraj (their terms, registrations and certificates follow), a quality methodologist the
    rounds of the providers of their kraj (the ratings they comment, the consultations they hold)."""
    from education import permissions
    from education.models import Programme, SelfAssessmentRound

    scope = {}
    kraje = permissions.coordinated_kraje(user)
    if kraje.exists():
        scope["education.Programme"] = set(Programme.objects.in_kraje(kraje).values_list("pk", flat=True))
    kraje = permissions.methodologist_kraje(user)
    if kraje.exists():
        scope["education.SelfAssessmentRound"] = set(SelfAssessmentRound.objects.in_kraje(kraje)
                                                     .values_list("pk", flat=True))
    return scope
