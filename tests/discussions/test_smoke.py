import pytest
from django.urls import reverse

from tests.discussions.factories import PostFactory, ThreadFactory, forum_ready

pytestmark = pytest.mark.django_db


def test_pages_render(client, verified_user):
    thread = ThreadFactory()
    PostFactory(thread=thread, author=verified_user)
    forum_ready(verified_user)
    client.force_login(verified_user)
    for url in [reverse("discussions:index"), thread.category.get_absolute_url(), thread.get_absolute_url(),
                reverse("discussions:thread-create", args=[thread.category.slug]),
                reverse("discussions:thread-reply", args=[thread.pk]) + f"?quote={thread.last_post_id}",
                reverse("discussions:unread"), reverse("discussions:search") + "?q=cekaci",
                reverse("discussions:rules"), reverse("discussions:preferences"),
                reverse("discussions:category-rss", args=[thread.category.slug]),
                reverse("discussions:thread-atom", args=[thread.pk]),
                reverse("discussions:post-edit", args=[thread.last_post_id])]:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
