"""RSS and Atom feeds of a category and of a thread. Feed readers never log in: only what the public
may read (members-only boards, hidden threads and hidden posts never appear)."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.syndication.views import Feed
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from discussions.models import Category, Post, Thread
from core.pagecache import cache_public_page

FEED_SIZE = 30


@method_decorator(cache_public_page("discussions", "coalitions", "people"), name="__call__")
class CategoryFeed(Feed):
    def get_object(self, request, slug):
        return get_object_or_404(Category.objects.visible_to(AnonymousUser()), slug=slug)

    def title(self, category):
        return _("Discussions: %(name)s") % {"name": category.name}

    def link(self, category):
        return category.get_absolute_url()

    def description(self, category):
        return category.description

    def items(self, category):
        """The newest threads with the text of their first post (one query)."""
        first_post = (Post.objects.published()
                      .filter(thread=OuterRef("pk"), is_hidden=False, is_deleted=False)
                      .order_by("created_at", "pk").values("body_html")[:1])
        return (Thread.objects.public().filter(category=category).select_related("author")
                .annotate(first_html=Subquery(first_post)).order_by("-created_at", "-pk")[:FEED_SIZE])

    def item_title(self, thread):
        return thread.title

    def item_description(self, thread):
        return thread.first_html or ""

    def item_pubdate(self, thread):
        return thread.created_at

    def item_author_name(self, thread):
        return thread.author.public_name if thread.author else ""


class CategoryAtomFeed(CategoryFeed):
    feed_type = Atom1Feed
    subtitle = CategoryFeed.description


@method_decorator(cache_public_page("discussions", "coalitions", "people"), name="__call__")
class ThreadFeed(Feed):
    def get_object(self, request, pk):
        return get_object_or_404(Thread.objects.public(), pk=pk)

    def title(self, thread):
        return thread.title

    def link(self, thread):
        return thread.get_absolute_url()

    def description(self, thread):
        return _("New posts in the thread %(title)s") % {"title": thread.title}

    def items(self, thread):
        return (Post.objects.published().filter(thread=thread, is_hidden=False, is_deleted=False)
                .select_related("author", "thread").order_by("-created_at", "-pk")[:FEED_SIZE])

    def item_title(self, post):
        name = post.author.public_name if post.author else ""
        return _("%(name)s in %(title)s") % {"name": name, "title": post.thread.title}

    def item_description(self, post):
        return post.body_html

    def item_pubdate(self, post):
        return post.created_at

    def item_author_name(self, post):
        return post.author.public_name if post.author else ""


class ThreadAtomFeed(ThreadFeed):
    feed_type = Atom1Feed
    subtitle = ThreadFeed.description
