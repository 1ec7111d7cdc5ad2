"""factory_boy factories of people (accounts)."""

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.utils import timezone

from accounts import roles
from accounts.models import User

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    """A person with a confirmed primary e-mail (so allauth lets them log in) and PASSWORD."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    class Params:
        verified = factory.Trait(is_verified=True, verified_at=factory.LazyFunction(timezone.now))
        regional_coordinator = factory.Trait(is_staff=True, is_verified=True,
                                             verified_at=factory.LazyFunction(timezone.now))

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.cz")
    display_name = factory.Faker("name", locale="cs_CZ")
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def confirmed_email(self, create, extracted, **kwargs):
        if create:
            EmailAddress.objects.create(user=self, email=self.email, primary=True, verified=True)

    coordinator_group = factory.Maybe(
        "regional_coordinator",
        yes_declaration=factory.PostGeneration(
            lambda user, create, extracted, **kwargs: create and user.groups.add(
                Group.objects.get_or_create(name=roles.REGIONAL_COORDINATOR)[0])),
        no_declaration=None,
    )

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        """`UserFactory(roles=[roles.MODERATOR])` puts the person in those role groups."""
        if create and extracted:
            self.groups.add(*(Group.objects.get_or_create(name=name)[0] for name in extracted))
