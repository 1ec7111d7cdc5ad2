"""The forum's thread and category pages for signed-in people, fast: what a post or a thread row shows that
depends only on its data is rendered once per generation of the forum's data ("discussions") and of the
people shown by name ("people"), per language, and kept in the process's memory (core.pagecache.remember);
what depends on the viewer (the post's action buttons, the "unread" marker, CSRF tokens) is put in per
request, without a template render or a `reverse()` per post.

A remembered value is shared by the requests of the process: nothing here changes one after it is made.
With the page cache off (REGISTRY_PAGE_CACHE_SECONDS = 0, the tests' default) everything is rendered anew.
"""

import secrets
from types import SimpleNamespace
from typing import NamedTuple

from django.template.defaultfilters import date as date_filter
from django.template.loader import get_template
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext, pgettext

from core.pagecache import remember
from discussions import permissions
from discussions.forms import ReplyForm

SECTIONS = ("discussions", "people")
THREAD_SECTIONS = ("discussions", "coalitions", "people", "codelists")  # the thread page's (views/forum.py)
PK = 987654321  # a placeholder primary key: URLs are reversed once a page, then filled in per post


def _slot() -> str:
    """Where the per-request part goes into a fragment: a marker no stored text can contain."""
    return f"\x00{secrets.token_hex(8)}\x00"


def _split(html: str, slot: str) -> tuple[SafeString, SafeString]:
    before, _marker, after = html.partition(slot)
    return mark_safe(before), mark_safe(after)  # our templates escaped what they drew


def _short_datetime(value) -> str:
    return date_filter(template_localtime(value), "SHORT_DATETIME_FORMAT")


# --- Posts ----------------------------------------------------------------------------------------


class PostFragment(NamedTuple):
    """A post as everybody sees it: the article up to its action list (`head`) and after it (`tail`), and
    the words of the buttons' hidden labels."""

    head: SafeString
    tail: SafeString
    who: str  # " – author, date" and the date, escaped
    created: str


class PagePost(NamedTuple):
    """A post of a page of a thread: what the viewer's actions are worked out from, and its fragment."""

    pk: int
    author_id: int | None
    created_at: object
    is_hidden: bool
    is_deleted: bool
    fragment: PostFragment


def remembered(key, load):
    """What `load()` reads (a thread or a category with what its page shows of it), remembered per generation of
    the forum pages' data: the next requests read none. Shared by the requests: never changed."""
    return remember(THREAD_SECTIONS, key, load)


def thread_page(thread, page, *, can_moderate: bool) -> tuple[PagePost, ...]:
    """The posts of `page` (a core.pagination page of the thread's published posts, not read yet) with their
    fragments, remembered per generation, page and language (moderators their own copy, with the hidden
    texts): the next requests read no post."""
    def compute():
        posts = list(page.object_list)
        for post in posts:
            post.thread = thread
            post.show_body = not (post.is_hidden or post.is_deleted) or can_moderate
        drawn = _render_posts(posts, can_moderate)
        return tuple(PagePost(post.pk, post.author_id, post.created_at, post.is_hidden, post.is_deleted,
                              drawn[post.pk]) for post in posts)

    return remember(SECTIONS, ("forum-thread-page", thread.pk, page.number, can_moderate), compute)


def post_fragments(posts, *, can_moderate: bool) -> dict[int, PostFragment]:
    """The PostFragment of each post ({pk: fragment}: templates/discussions/_post.html without the actions),
    for posts read per request (the author's own posts waiting for approval, marked so)."""
    key = ("forum-posts", can_moderate,
           tuple((post.pk, post.show_body, bool(getattr(post, "is_pending_for_author", False)))
                 for post in posts))
    return remember(SECTIONS, key, lambda: _render_posts(posts, can_moderate))


def reply_form() -> SafeString:
    """The empty reply form: the same for everybody (the CSRF token is outside it)."""
    return remember(SECTIONS, ("forum-reply-form",), lambda: mark_safe(str(ReplyForm())))


def _render_posts(posts, can_moderate: bool) -> dict[int, PostFragment]:
    template, slot = get_template("discussions/_post.html"), _slot()
    fragments = {}
    for post in posts:
        html = template.render({"post": post, "can_moderate": can_moderate, "actions": slot})
        head, tail = _split(html, slot)
        created = _short_datetime(post.created_at)
        name = post.author.public_name if post.author else ""  # as the template drew a missing author
        fragments[post.pk] = PostFragment(head, tail, escape(f" – {name}, {created}"), escape(created))
    return fragments


class PostActions:
    """The action list under each post for one viewer (quote, edit, delete, report, hide or show again,
    suspend the author): the URLs reversed and the words translated once a page, the list joined per post
    from the permissions the view worked out (post.can_edit, post.can_delete)."""

    def __init__(self, request, thread, *, can_reply: bool, can_moderate: bool, can_suspend: bool):
        self.user = request.user
        self.enabled = self.user.is_authenticated
        if not self.enabled:
            return
        from django.middleware.csrf import get_token

        self.can_reply, self.can_moderate, self.can_suspend = can_reply, can_moderate, can_suspend
        self.csrf = str(format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">',
                                    get_token(request)))
        self.reply_url = escape(reverse("discussions:thread-reply", args=[thread.pk]))
        urls = {name: reverse(f"discussions:{name}", args=[PK])
                for name in ("post-edit", "post-delete", "post-hide", "post-unhide", "suspend")}
        urls["flag"] = reverse("discussions:flag", args=["discussions.post", PK])
        self.urls = {name: str(escape(url)) for name, url in urls.items()}
        words = {
            "quote": gettext("Quote"), "edit": gettext("Edit"), "post": gettext("post"),
            "delete": gettext("Delete"), "report": pgettext("flag a post for moderators", "Report"),
            "show": gettext("Show again"), "reason_label": gettext("Reason for hiding"),
            "reason": gettext("Reason"), "hide": gettext("Hide"), "suspend": gettext("Suspend the author"),
        }
        self.words = {name: str(escape(word)) for name, word in words.items()}

    def url(self, name: str, pk) -> str:
        return self.urls[name].replace(str(PK), str(pk))

    def html(self, post, fragment: PostFragment) -> str:
        if not self.enabled or getattr(post, "is_pending_for_author", False):
            return ""
        words, items, pk = self.words, [], post.pk
        if self.can_reply and not (post.is_hidden or post.is_deleted):
            items.append(f'<li><a href="{self.reply_url}?quote={pk}">{words["quote"]}'
                         f'<span class="visually-hidden">{fragment.who}</span></a></li>')
        if post.can_edit:
            items.append(f'<li><a href="{self.url("post-edit", pk)}">{words["edit"]}<span '
                         f'class="visually-hidden"> – {words["post"]} {fragment.created}</span></a></li>')
        if post.can_delete:
            items.append(f'<li><form method="post" action="{self.url("post-delete", pk)}" '
                         f'class="inline-form">{self.csrf}<button type="submit" class="link-button">'
                         f'{words["delete"]}</button>'
                         f'</form></li>')
        if post.author_id != self.user.pk and not post.is_deleted:
            items.append(f'<li><a href="{self.url("flag", pk)}">{words["report"]}'
                         f'<span class="visually-hidden">{fragment.who}</span></a></li>')
        if self.can_moderate:
            if post.is_hidden:
                items.append(f'<li><form method="post" action="{self.url("post-unhide", pk)}" '
                             f'class="inline-form">{self.csrf}<button type="submit" class="link-button">'
                             f'{words["show"]}</button></form></li>')
            else:
                items.append(
                    f'<li><form method="post" action="{self.url("post-hide", pk)}" class="inline-form">'
                    f'{self.csrf}<label for="hide-reason-{pk}" class="visually-hidden">'
                    f'{words["reason_label"]}</label> <input type="text" name="reason" id="hide-reason-{pk}" '
                    f'maxlength="300" placeholder="{words["reason"]}"> <button type="submit" '
                    f'class="link-button">{words["hide"]}</button></form></li>')
            if self.can_suspend and post.author_id and post.author_id != self.user.pk:
                suspend = self.url("suspend", post.author_id)
                items.append(f'<li><a href="{suspend}">{words["suspend"]}</a></li>')
        return '<ul class="inline-list forum-post__actions">' + "".join(items) + "</ul>"


def render_posts(request, thread, page_posts, own_pending, *, can_reply: bool, can_moderate: bool,
                 can_suspend: bool) -> tuple[list, list]:
    """The posts of the page (thread_page()) and the viewer's own waiting posts (Post objects) as the template
    draws them: each with its `html`, the remembered fragment around this viewer's actions."""
    actions = PostActions(request, thread, can_reply=can_reply, can_moderate=can_moderate,
                          can_suspend=can_suspend)
    drawn = []
    for record in page_posts:
        post = _with_rights(request.user, thread, record)
        fragment = record.fragment
        post.html = mark_safe(fragment.head + actions.html(post, fragment) + fragment.tail)
        drawn.append(post)
    pending = post_fragments(own_pending, can_moderate=can_moderate) if own_pending else {}
    for post in own_pending:
        fragment = pending[post.pk]
        post.html = mark_safe(fragment.head + actions.html(post, fragment) + fragment.tail)
    return drawn, own_pending


def _with_rights(user, thread, record: PagePost) -> SimpleNamespace:
    post = SimpleNamespace(**record._asdict(), thread=thread, is_pending_for_author=False)
    post.can_edit = permissions.can_edit_post(user, post)
    post.can_delete = permissions.can_delete_post(user, post)
    return post


def own_posts(user, thread, page_posts) -> tuple:
    """What differs for the viewer in the page's posts beyond their permissions in the thread: their own posts
    (pk, may they still edit it, delete it). Everybody who has none on the page sees the same actions."""
    if not user.is_authenticated:
        return ()
    return tuple((post.pk, post.can_edit, post.can_delete) for post in
                 (_with_rights(user, thread, record) for record in page_posts if record.author_id == user.pk))


# --- Thread rows (category page, search, unread threads) ------------------------------------------


class RowFragment(NamedTuple):
    """A thread's row of the table: before and after its title, and the title as read and as unread."""

    head: SafeString
    tail: SafeString
    read: SafeString
    unread: SafeString


def thread_rows(threads, *, show_category: bool) -> SafeString:
    """The rows of templates/discussions/_thread_table.html, remembered per page of threads; only the
    "unread" marker (thread.is_unread) is the viewer's own."""
    threads = list(threads)
    key = ("forum-thread-rows", show_category, tuple(thread.pk for thread in threads))
    fragments = remember(SECTIONS, key, lambda: _render_rows(threads, show_category))
    rows = []
    for thread in threads:
        fragment = fragments[thread.pk]
        title = fragment.unread if getattr(thread, "is_unread", False) else fragment.read
        rows.append(fragment.head + title + fragment.tail)
    return mark_safe("".join(rows))


class ThreadListing(NamedTuple):
    """A page of a category's threads as everybody (or every moderator) sees it."""

    count: int  # threads in the category, for the pagination
    threads: tuple  # (pk, last_post_at) of the page's threads, in order
    rows: dict[int, RowFragment]


def thread_listing(key, page_of) -> ThreadListing:
    """The page `page_of()` returns (a core.pagination page of threads), remembered under `key`: on the next
    requests the category page counts and reads no threads, only the viewer's read markers."""
    def compute():
        page = page_of()
        threads = list(page.object_list)
        order = tuple((thread.pk, thread.last_post_at) for thread in threads)
        return ThreadListing(page.paginator.count, order, _render_rows(threads, False))

    return remember(SECTIONS, key, compute)


def unread_threads(listing: ThreadListing, read: dict, user) -> tuple[bool, ...]:
    """For each thread of the listing, whether the person has not read it since its last post (as
    ThreadQuerySet.with_unread_for()); `read`: their read markers ({thread id: read at})."""
    if not user.is_authenticated:
        return (False,) * len(listing.threads)
    return tuple(read.get(pk) is None or read[pk] < last_post_at for pk, last_post_at in listing.threads)


def listing_rows(listing: ThreadListing, unread: tuple[bool, ...]) -> SafeString:
    """The rows of the listing, bold where `unread` (unread_threads()) says so."""
    rows = []
    for (pk, _last_post_at), bold in zip(listing.threads, unread, strict=True):
        fragment = listing.rows[pk]
        rows.append(fragment.head + (fragment.unread if bold else fragment.read) + fragment.tail)
    return mark_safe("".join(rows))


def _render_rows(threads, show_category: bool) -> dict[int, RowFragment]:
    template, slot = get_template("discussions/_thread_row.html"), _slot()
    unread = gettext("unread")
    fragments = {}
    for thread in threads:
        head, tail = _split(template.render({"thread": thread, "show_category": show_category,
                                             "title": slot}), slot)
        fragments[thread.pk] = RowFragment(head, tail, escape(thread.title), format_html(
            '<strong>{}</strong> <span class="visually-hidden">({})</span>', thread.title, unread))
    return fragments
