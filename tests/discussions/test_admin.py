"""The forum in the admin: superusers and regional coordinators see categories, threads, posts, flags and
the read-only moderation log; accepting flags from the admin hides the post."""

import pytest
from django.urls import reverse

from discussions import moderation
from discussions.models import Flag, ModerationAction
from tests.discussions.factories import PostFactory
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

MODELS = ["category", "thread", "post", "flag", "moderationaction", "suspension"]


@pytest.mark.parametrize("model", MODELS)
def test_superusers_and_coordinators_see_the_forum_models(client, coordinator, model):
    PostFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(reverse(f"admin:discussions_{model}_changelist")).status_code == 200
    client.force_login(coordinator)
    assert client.get(reverse(f"admin:discussions_{model}_changelist")).status_code == 200


def test_the_moderation_log_is_read_only(client, coordinator):
    post = PostFactory()
    moderation.hide(post, by=coordinator, reason="x")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    action = ModerationAction.objects.get()
    assert client.get(reverse("admin:discussions_moderationaction_add")).status_code == 403
    delete_url = reverse("admin:discussions_moderationaction_delete", args=[action.pk])
    response = client.post(delete_url, {"post": "yes"})
    assert response.status_code == 403


def test_accepting_flags_in_the_admin_hides_the_post(client):
    post = PostFactory()
    moderation.flag(post, by=UserFactory(verified=True), reason=Flag.Reason.SPAM)
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    client.post(reverse("admin:discussions_flag_changelist"),
                {"action": "accept", "_selected_action": list(Flag.objects.values_list("pk", flat=True))})
    post.refresh_from_db()
    assert post.is_hidden
    assert Flag.objects.get().status == Flag.Status.ACCEPTED
