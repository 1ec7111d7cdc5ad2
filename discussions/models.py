"""The professional forum: categories (topics and coalition boards), threads and posts, watches and the
mail outbox, read markers, the rules and suspensions, and the generic flags and moderation log that the
offers board reuses (see discussions/moderation.py for the contract)."""

import re

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.permissions import coordinated_kraje
from coalitions.models import Coalition, MembershipQuerySet
from core.collation import CZECH
from core.markdown import render_markdown
from core.text import normalize_search_text
from discussions.roles import is_global_moderator

# Bidirectional controls (U+202A–U+202E, U+2066–U+2069) can reorder the text around a title, and
# zero-width characters can make two titles look alike; titles drop them. Post bodies keep them: they
# are escaped text inside their own paragraph, where they cannot reach anything outside the post.
INVISIBLE_CONTROLS = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def clean_title(text: str) -> str:
    return " ".join(INVISIBLE_CONTROLS.sub("", text or "").split())


# --- Categories -----------------------------------------------------------------------------------


class CategoryQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Topic categories and public coalition boards for everyone; members-only boards for their
        members, the coalition's managers and the category's moderators (never filtered in Python)."""
        if user.is_authenticated and user.is_superuser:
            return self.all()
        condition = Q(coalition__isnull=True) | Q(coalition__visibility=Coalition.Visibility.PUBLIC)
        if user.is_authenticated:
            condition |= (Q(coalition__memberships__person=user)
                          & MembershipQuerySet.current_q("coalition__memberships__"))
            condition |= Q(coalition__kraj__in=coordinated_kraje(user))
            condition |= Q(moderators=user)
            return self.filter(pk__in=self.filter(condition).values("pk"))
        return self.filter(condition)

    def topics(self):
        return self.filter(coalition__isnull=True)

    def boards(self):
        return self.filter(coalition__isnull=False)

    def board_for(self, coalition) -> "Category":
        """The coalition's board, created the first time someone needs it."""
        board, _created = self.get_or_create(coalition=coalition, defaults={
            "name": coalition.name, "slug": f"koalice-{coalition.slug}"[:80], "order": 1000,
            # Stored text: the coalition's own words, not a phrase translated at creation time.
            "description": coalition.topic})
        return board


class Category(models.Model):
    """A topic of the forum, or the board of one coalition (readable like the coalition's material)."""

    name = models.CharField(_("name"), max_length=200, db_collation=CZECH)
    slug = models.SlugField(_("short name in URLs"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    moderators = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True,
                                        related_name="moderated_categories", verbose_name=_("moderators"))
    coalition = models.OneToOneField("coalitions.Coalition", on_delete=models.CASCADE, null=True, blank=True,
                                     related_name="board", verbose_name=_("coalition"))

    objects = CategoryQuerySet.as_manager()

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("forum category")
        verbose_name_plural = _("forum categories")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("discussions:category", args=[self.slug])

    @property
    def is_board(self) -> bool:
        return self.coalition_id is not None

    @property
    def is_public(self) -> bool:
        """Readable without an account: topic categories and boards of coalitions with public material.
        Only these have feeds (feed readers fetch them without logging in)."""
        return self.coalition_id is None or self.coalition.material_is_public


# --- Threads and posts ----------------------------------------------------------------------------


class ThreadQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Threads in categories the person may read; hidden threads only for their moderators."""
        threads = self.filter(category__in=Category.objects.visible_to(user))
        if not is_global_moderator(user):
            threads = threads.filter(is_hidden=False)
        return threads

    def public(self):
        """For feeds and the sitemap: what an anonymous visitor may read."""
        from django.contrib.auth.models import AnonymousUser

        return self.visible_to(AnonymousUser())

    def for_listing(self):
        return self.select_related("category", "author", "last_post__author")

    def with_unread_for(self, user):
        """`is_unread`: the thread has posts newer than the person's last visit (or was never opened)."""
        if not user.is_authenticated:
            return self.annotate(is_unread=models.Value(False))
        read = ThreadRead.objects.filter(user=user, thread=OuterRef("pk"),
                                         read_at__gte=OuterRef("last_post_at"))
        return self.annotate(is_unread=~Exists(read))

    def unread_by(self, user):
        """Threads with new posts since the person last opened them, or since they joined."""
        read = ThreadRead.objects.filter(user=user, thread=OuterRef("pk"),
                                         read_at__gte=OuterRef("last_post_at"))
        return self.visible_to(user).filter(last_post_at__gt=user.date_joined).exclude(Exists(read))


class Thread(models.Model):
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="threads",
                                 verbose_name=_("category"))
    title = models.CharField(_("title"), max_length=200)
    search_title = models.CharField(max_length=200, editable=False, db_index=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="forum_threads", verbose_name=_("author"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    last_post_at = models.DateTimeField(_("last post at"), default=timezone.now, db_index=True)
    last_post = models.ForeignKey("Post", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                  editable=False)
    post_count = models.PositiveIntegerField(_("posts"), default=0, editable=False)
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    is_hidden = models.BooleanField(_("hidden"), default=False)
    # What the thread is about: a meeting, an agenda item, minutes or an output (a Document).
    about_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="+", verbose_name=_("about (kind)"))
    about_id = models.PositiveBigIntegerField(_("about (id)"), null=True, blank=True)
    about = GenericForeignKey("about_type", "about_id")
    service_type = models.ForeignKey("services.ServiceType", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="forum_threads", verbose_name=_("service type"))

    objects = ThreadQuerySet.as_manager()

    class Meta:
        ordering = ["-is_pinned", "-last_post_at", "-pk"]
        verbose_name = _("thread")
        verbose_name_plural = _("threads")
        indexes = [models.Index(fields=["category", "-is_pinned", "-last_post_at"], name="thread_listing"),
                   models.Index(fields=["about_type", "about_id"], name="thread_about")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("discussions:thread", args=[self.pk])

    def save(self, *args, **kwargs):
        self.title = clean_title(self.title)
        self.search_title = normalize_search_text(self.title)[:200]
        super().save(*args, **kwargs)

    def moderation_category(self) -> Category:
        return self.category

    def add_post(self, *, author, body: str, quoted=None, pending: bool = False) -> "Post":
        """The one way a post enters a thread: it keeps the thread's counters right (F() in a
        transaction). A post waiting for pre-moderation counts only once approved."""
        with transaction.atomic():
            post = Post.objects.create(thread=self, author=author, body=body, quoted=quoted,
                                       is_pending=pending)
            if not pending:
                self._count_in(post)
        return post

    def _count_in(self, post) -> None:
        Thread.objects.filter(pk=self.pk).update(post_count=F("post_count") + 1, last_post_at=post.created_at,
                                                 last_post=post)
        self.refresh_from_db(fields=["post_count", "last_post_at", "last_post"])

    def set_flag(self, field: str, value: bool) -> None:
        setattr(self, field, value)
        self.save(update_fields=[field])

    def move_to(self, category: Category) -> None:
        self.category = category
        self.save(update_fields=["category"])


class PostQuerySet(models.QuerySet):
    def published(self):
        """Approved posts (hidden and deleted ones stay as placeholders, so replies keep their sense)."""
        return self.filter(is_pending=False)

    def pending(self):
        return self.filter(is_pending=True)


class Post(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="posts",
                               verbose_name=_("thread"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="forum_posts", verbose_name=_("author"))
    body = models.TextField(_("text"))
    body_html = models.TextField(editable=False, blank=True)
    search_text = models.TextField(editable=False, blank=True)
    quoted = models.ForeignKey("self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                               verbose_name=_("quoted post"))
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("edited by"))
    is_hidden = models.BooleanField(_("hidden"), default=False)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    is_deleted = models.BooleanField(_("deleted by the author"), default=False)
    is_pending = models.BooleanField(_("waiting for approval"), default=False)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        indexes = [models.Index(fields=["thread", "created_at", "id"], name="post_in_thread")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.thread_id}"

    def get_absolute_url(self) -> str:
        return reverse("discussions:post", args=[self.pk])

    def save(self, *args, **kwargs):
        """The rendered HTML and the search text always follow the markdown (rendered once, on write)."""
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "body" in update_fields:
            self.body_html = render_markdown(self.body)
            self.search_text = normalize_search_text(self.body)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "body_html", "search_text"}
        super().save(*args, **kwargs)

    def moderation_category(self) -> Category:
        return self.thread.category

    @staticmethod
    def moderation_queryset(queryset):
        """What the moderation queue shows of each flagged post, in one query."""
        return queryset.select_related("author", "thread__category__coalition")

    def moderation_heading(self) -> str:
        """How the moderation queue names the post: who wrote it and where, not its number."""
        return _("Post by %(author)s in the thread “%(thread)s”") % {
            "author": self.author.public_name, "thread": self.thread.title}

    def edit(self, *, body: str, by, reason: str = "") -> None:
        """Keep the previous text as a revision, so the thread shows "edited" and the history stays."""
        with transaction.atomic():
            PostRevision.objects.create(post=self, body=self.body, reason=reason,
                                        created_at=self.edited_at or self.created_at,
                                        author=self.edited_by or self.author)
            self.body, self.edited_at, self.edited_by = body, timezone.now(), by
            self.save(update_fields=["body", "edited_at", "edited_by"])

    def delete_by_author(self) -> None:
        """A placeholder stays in the thread, so the replies to this post keep their sense."""
        self.is_deleted = True
        self.save(update_fields=["is_deleted"])

    def approve(self) -> None:
        """A pre-moderated post goes live: it now counts in the thread."""
        with transaction.atomic():
            self.is_pending = False
            self.created_at = timezone.now()
            self.save(update_fields=["is_pending", "created_at"])
            self.thread._count_in(self)


class PostRevision(models.Model):
    """An earlier text of a post (the edit history)."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions", verbose_name=_("post"))
    body = models.TextField(_("text"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+", verbose_name=_("written by"))
    reason = models.CharField(_("reason for the change"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("written at"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("post revision")
        verbose_name_plural = _("post revisions")


# --- People: preferences, reading, watching, suspensions ------------------------------------------


class ForumProfile(models.Model):
    """Forum preferences of a person, kept here rather than on accounts.User."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="forum_profile")
    auto_watch = models.BooleanField(_("watch the threads I start or reply to"), default=True)
    accepted_rules_at = models.DateTimeField(_("accepted the rules at"), null=True, blank=True)

    class Meta:
        verbose_name = _("forum profile")
        verbose_name_plural = _("forum profiles")

    @classmethod
    def for_user(cls, user) -> "ForumProfile":
        profile, _created = cls.objects.get_or_create(user=user)
        return profile

    def accept_rules(self) -> None:
        self.accepted_rules_at = timezone.now()
        self.save(update_fields=["accepted_rules_at"])


class ThreadRead(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="reads")
    read_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="one_read_marker_per_thread")]

    @classmethod
    def mark(cls, user, thread) -> None:
        """One upsert per page view."""
        cls.objects.bulk_create([cls(user=user, thread=thread, read_at=timezone.now())],
                                update_conflicts=True, unique_fields=["user", "thread"],
                                update_fields=["read_at"])


class Watch(models.Model):
    """Someone wants mails about new posts in a thread, or in every thread of a category."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="forum_watches")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, null=True, blank=True,
                               related_name="watches")
    category = models.ForeignKey(Category, on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="watches")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("watch")
        verbose_name_plural = _("watches")
        constraints = [
            models.CheckConstraint(condition=Q(thread__isnull=True) ^ Q(category__isnull=True),
                                   name="watch_thread_xor_category"),
            models.UniqueConstraint(fields=["user", "thread"], name="one_watch_per_thread"),
            models.UniqueConstraint(fields=["user", "category"], name="one_watch_per_category"),
        ]


class ThreadNotification(models.Model):
    """The mail outbox, one row per person and thread: `pending` when there are posts to tell about,
    `last_mailed_at` so a busy thread mails each person at most once per FORUM_NOTIFICATION_INTERVAL."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    pending = models.BooleanField(default=True)
    since = models.DateTimeField(default=timezone.now)
    last_mailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "thread"], name="one_outbox_row_per_thread")]
        indexes = [models.Index(fields=["pending", "last_mailed_at"], name="outbox_due")]


class SuspensionQuerySet(models.QuerySet):
    def active(self):
        return self.filter(until__gt=timezone.now())


class Suspension(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="forum_suspensions", verbose_name=_("person"))
    until = models.DateTimeField(_("suspended until"))
    reason = models.CharField(_("reason"), max_length=300)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
                           verbose_name=_("suspended by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = SuspensionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("suspension")
        verbose_name_plural = _("suspensions")


# --- Generic moderation (flags and the log) -------------------------------------------------------


class FlagQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=Flag.Status.PENDING)

    def for_object(self, obj):
        return self.filter(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)


class Flag(models.Model):
    """Someone reported a post (or an offer): one row per object and reporter."""

    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam or advertising")
        ABUSIVE = "abusive", _("Abusive or offensive")
        OFF_TOPIC = "off_topic", _("Off topic")
        PERSONAL_DATA = "personal_data", _("Personal data of someone")
        OTHER = "other", _("Something else")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for review")
        ACCEPTED = "accepted", _("accepted")
        REJECTED = "rejected", _("rejected")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                 related_name="forum_flags", verbose_name=_("reported by"))
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="+", verbose_name=_("reviewed by"))
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)

    objects = FlagQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        constraints = [models.UniqueConstraint(fields=["content_type", "object_id", "reporter"],
                                               name="one_flag_per_reporter")]
        indexes = [models.Index(fields=["status", "content_type", "object_id"], name="flag_queue")]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.content_type.model} {self.object_id})"


class ModerationAction(models.Model):
    """Who did what to which object, when and why (kept for good)."""

    class Action(models.TextChoices):
        HIDE = "hide", _("hidden")
        UNHIDE = "unhide", _("shown again")
        LOCK = "lock", _("locked")
        UNLOCK = "unlock", _("unlocked")
        PIN = "pin", _("pinned")
        UNPIN = "unpin", _("unpinned")
        MOVE = "move", _("moved")
        EDIT = "edit", _("edited")
        SUSPEND = "suspend", _("suspended")
        ACCEPT_FLAG = "accept_flag", _("flag accepted")
        REJECT_FLAG = "reject_flag", _("flag rejected")
        APPROVE_PENDING = "approve_pending", _("approved")
        REJECT_PENDING = "reject_pending", _("rejected before publishing")
        AUTO_HIDE = "auto_hide", _("hidden after three flags")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("content_type", "object_id")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("moderator"))
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation actions")
