"""factory_boy factories for coalitions: coalitions, memberships, meetings, agendas, minutes, tasks,
documents, photos and events. Shared by the coalitions tests (list, detail, documents, meetings, events)."""

import datetime as dt
import io

import factory
import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from territory.models import Kraj, home_kraj
from tests.accounts.factories import UserFactory
from tests.i18n import english  # noqa: F401 (the coalition tests import it from here)


def minimal_pdf(text: str = "Vzor") -> bytes:
    """A tiny but well-formed PDF (it starts with the magic bytes the upload check looks for)."""
    return (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
            b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
            + f"% {text}\n".encode())


def png_bytes(size=(40, 30), color=(200, 30, 30)) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


class CoalitionFactory(factory.django.DjangoModelFactory):
    """An active, public partnership coalition in the home kraj (Středočeský)."""

    class Meta:
        model = "coalitions.Coalition"
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Partnerská koalice Kladensko {n}")
    slug = factory.Sequence(lambda n: f"koalice-{n}")
    kind = "partnership"
    topic = "Péče o seniory"
    kraj = factory.LazyFunction(lambda: home_kraj() or Kraj.objects.order_by("code").first())
    description = "Koalice **poskytovatelů**, zadavatelů a uživatelů sociálních služeb."
    visibility = "public"
    status = "active"
    started_on = dt.date(2024, 1, 1)

    @factory.post_generation
    def service_types(self, create, extracted, **kwargs):
        """`CoalitionFactory(service_types=[...])` links those service types."""
        if create and extracted:
            self.service_types.set(extracted)

    @factory.post_generation
    def orps(self, create, extracted, **kwargs):
        """`CoalitionFactory(orps=[...])` limits the coalition to those ORPs."""
        if create and extracted:
            self.orps.set(extracted)


class MembershipFactory(factory.django.DjangoModelFactory):
    """A current member from a provider organisation; pass `role="coordinator"` for a coordinator."""

    class Meta:
        model = "coalitions.Membership"

    coalition = factory.SubFactory(CoalitionFactory)
    person = factory.SubFactory(UserFactory, verified=True)
    organisation_kind = "ngo"
    organisation_name = factory.Sequence(lambda n: f"Spolek Vzor {n}, z. s.")
    triad_side = "provider"
    role = "member"
    joined_on = dt.date(2024, 1, 1)


class MeetingFactory(factory.django.DjangoModelFactory):
    """A published, planned meeting a week from now, two hours long."""

    class Meta:
        model = "coalitions.Meeting"

    coalition = factory.SubFactory(CoalitionFactory)
    title = factory.Sequence(lambda n: f"Setkání koalice č. {n}")
    starts_at = factory.LazyFunction(lambda: (timezone.now() + dt.timedelta(days=7)).replace(microsecond=0))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))
    place_kind = "in_person"
    address = "Náměstí Starosty Pavla 44, Kladno"
    status = "planned"
    registration_open = True
    published = True


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "coalitions.AgendaItem"

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n)
    kind = "discussion"
    title = factory.Sequence(lambda n: f"Bod programu {n}")
    speaker = ""
    description = ""


class MinutesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "coalitions.Minutes"

    meeting = factory.SubFactory(MeetingFactory)
    text = "## Zápis\n\nPřítomní se shodli na dalším postupu."
    status = "draft"


class TaskFactory(factory.django.DjangoModelFactory):
    """An open task of a coalition with a deadline in two weeks."""

    class Meta:
        model = "coalitions.Task"

    coalition = factory.SubFactory(CoalitionFactory)
    meeting = None
    kind = "task"
    text = factory.Sequence(lambda n: f"Připravit podklady k analýze kapacit {n}")
    owner = None
    owner_organisation = "Charita Kladno"
    deadline = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=14))
    status = "open"


class DocumentFactory(factory.django.DjangoModelFactory):
    """A public output (methodology) as a small PDF."""

    class Meta:
        model = "coalitions.Document"

    coalition = factory.SubFactory(CoalitionFactory)
    kind = "methodology"
    title = factory.Sequence(lambda n: f"Metodika spolupráce {n}")
    description = "Jak spolupracují poskytovatelé, obce a uživatelé."
    file = factory.LazyAttribute(lambda o: ContentFile(minimal_pdf(o.title), name="metodika.pdf"))
    file_type = "pdf"
    file_size = factory.LazyAttribute(lambda o: o.file.size)
    version = "1.0"
    public = True


class PhotoFactory(factory.django.DjangoModelFactory):
    """A photo of a meeting (a small PNG, already processed: image doubles as thumbnail)."""

    class Meta:
        model = "coalitions.Photo"

    meeting = factory.SubFactory(MeetingFactory)
    event = None
    image = factory.LazyFunction(lambda: ContentFile(png_bytes(), name="foto.png"))
    thumbnail = factory.LazyFunction(lambda: ContentFile(png_bytes((20, 15)), name="foto-nahled.png"))
    alt_text = "Účastníci setkání u kulatého stolu"
    caption = "Setkání koalice"


class EventFactory(factory.django.DjangoModelFactory):
    """A published round table in the home kraj a month from now."""

    class Meta:
        model = "coalitions.Event"

    title = factory.Sequence(lambda n: f"Kulatý stůl o sociálních službách {n}")
    slug = factory.Sequence(lambda n: f"akce-{n}")
    kind = "round_table"
    starts_at = factory.LazyFunction(lambda: (timezone.now() + dt.timedelta(days=30)).replace(microsecond=0))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=3))
    place = "Krajský úřad, Zborovská 11, Praha 5"
    kraj = factory.LazyFunction(lambda: home_kraj() or Kraj.objects.order_by("code").first())
    organiser = "Krajský úřad Středočeského kraje"
    description = "Setkání poskytovatelů, obcí a uživatelů."
    published = True


# --- Roles around one coalition (pytest fixtures: import them into a test module) ------------------------
#
# With the fixtures of tests/conftest.py (`user`, `verified_user`, `coordinator` of the home kraj,
# `other_region_coordinator`) they make the roles of STYLE.md §2.10 for coalitions:
ROLES = ["anonymous", "user", "verified_user", "member", "other_member", "coalition_coordinator",
         "coordinator", "other_region_coordinator"]
MEMBERS_ONLY_READERS = {"member", "coalition_coordinator", "coordinator"}
MANAGERS = {"coalition_coordinator", "coordinator"}


def log_in_as(client, request, role):
    """Log the test client in as the person of `role` (a fixture name); "anonymous" stays logged out."""
    if role == "anonymous":
        return None
    person = request.getfixturevalue(role)
    client.force_login(person)
    return person


@pytest.fixture
def coalition(db):
    """A public partnership coalition in the home kraj."""
    return CoalitionFactory(name="Partnerská koalice Kladensko", slug="kladensko")


@pytest.fixture
def member(coalition):
    return MembershipFactory(coalition=coalition, role="member").person


@pytest.fixture
def coalition_coordinator(coalition):
    return MembershipFactory(coalition=coalition, role="coordinator").person


@pytest.fixture
def other_member(db):
    """A member, and coordinator, of another coalition of the same kraj: the strongest role that must not
    reach into this one."""
    other = CoalitionFactory(name="Pracovní skupina Slánsko")
    return MembershipFactory(coalition=other, role="coordinator").person
