"""factory_boy factories for the forum: categories, coalition boards, threads and posts; and `forum_ready`
to let a person post at once (confirmed e-mail, accepted rules)."""

import factory
from django.utils import timezone

from tests.coalitions.factories import CoalitionFactory
from tests.accounts.factories import UserFactory


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "discussions.Category"

    name = factory.Sequence(lambda n: f"Bydlení a sociální začleňování {n}")
    slug = factory.Sequence(lambda n: f"bydleni-{n}")
    description = "Sociální bydlení, azylové domy, prevence ztráty bydlení."
    order = factory.Sequence(lambda n: n)


class BoardFactory(CategoryFactory):
    """The board of a (public) coalition; pass coalition__visibility="members" for a members-only one."""

    coalition = factory.SubFactory(CoalitionFactory)
    name = factory.LazyAttribute(lambda o: o.coalition.name)
    slug = factory.Sequence(lambda n: f"koalice-board-{n}")


class ThreadFactory(factory.django.DjangoModelFactory):
    """A thread with its first post (`first_post__body` sets its text)."""

    class Meta:
        model = "discussions.Thread"
        skip_postgeneration_save = True

    category = factory.SubFactory(CategoryFactory)
    title = factory.Sequence(lambda n: f"Jak řešíte čekací listiny v domovech pro seniory? {n}")
    author = factory.SubFactory(UserFactory, verified=True)

    @factory.post_generation
    def first_post(self, create, extracted, **kwargs):
        if create and extracted is not False:
            self.add_post(author=self.author, body=kwargs.get("body", "První příspěvek vlákna, **tučně**."))


class PostFactory(factory.django.DjangoModelFactory):
    """A published post added through Thread.add_post (so the counters stay right)."""

    class Meta:
        model = "discussions.Post"

    thread = factory.SubFactory(ThreadFactory)
    author = factory.SubFactory(UserFactory, verified=True)
    body = factory.Sequence(lambda n: f"Odpověď číslo {n}: u nás to funguje přes pořadník.")

    @classmethod
    def _create(cls, model_class, *args, thread, author, body, **kwargs):
        return thread.add_post(author=author, body=body, **kwargs)


def forum_ready(user):
    """The person accepted the forum rules (UserFactory already confirms the e-mail)."""
    from discussions.models import ForumProfile

    ForumProfile.objects.update_or_create(user=user, defaults={"accepted_rules_at": timezone.now()})
    return user
