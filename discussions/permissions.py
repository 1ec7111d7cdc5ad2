"""Who may do what in the forum. Views and templates ask these functions, never groups or memberships.

- Everyone reads topic categories and the boards of coalitions whose material is public; members-only
  boards are read by the coalition's members, its managers (coalition and regional coordinators) and the
  board's moderators.
- Posting needs a log-in, a confirmed e-mail address, the accepted rules and no running suspension; the
  thread must be open; in a board, only members (and the coalition's managers) post.
- Moderators: superusers, people in the moderator role and regional coordinators moderate every topic
  category; a category's own moderators moderate it; a board is moderated by its coalition's managers.
- Authors edit their posts within FORUM_EDIT_WINDOW_MINUTES; moderators always (with a reason).
"""

import datetime as dt

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import CharField, Exists, Max, OuterRef, StringAgg, Subquery, Value
from django.db.models.functions import Cast
from django.utils import timezone

from accounts import roles
from coalitions import permissions as coalition_permissions
from core import pagecache
from discussions.models import Category, ForumProfile, Post, Suspension
from discussions.roles import is_global_moderator  # noqa: F401  (part of this module's questions)


def _is_category_moderator(user, category) -> bool:
    if getattr(user, "_moderated_category_ids", None) is None:
        _read_forum_person(user)
    return category.pk in user._moderated_category_ids


def can_moderate(user, category) -> bool:
    if not user.is_authenticated:
        return False
    if category.pk is None:
        return _can_moderate(user, category)
    answers = getattr(user, "_forum_moderates", None)  # one answer per category and request
    if answers is None:
        answers = user._forum_moderates = {}
    if category.pk not in answers:
        answers[category.pk] = _can_moderate(user, category)
    return answers[category.pk]


def _can_moderate(user, category) -> bool:
    if user.is_superuser or _is_category_moderator(user, category):
        return True
    if category.coalition_id is not None:
        return coalition_permissions.can_manage(user, category.coalition)
    return is_global_moderator(user)


def can_read_category(user, category) -> bool:
    if category.coalition_id is None or category.coalition.material_is_public:
        return True
    if not user.is_authenticated:
        return False
    return (coalition_permissions.is_member(user, category.coalition) or can_moderate(user, category))


def can_read_thread(user, thread) -> bool:
    if not can_read_category(user, thread.category):
        return False
    return not thread.is_hidden or can_moderate(user, thread.category)


# What the answers about a person depend on: their account and roles ("people"), suspensions and the
# categories' moderators ("discussions"), their confirmed addresses and accepted rules ("standing").
PERSON_SECTIONS = ("discussions", "people", "standing")


def _read_forum_person(user) -> None:
    """Everything the forum asks about a signed-in person, kept on their object for the request: a confirmed
    e-mail address, the rules accepted, a running suspension (what posting needs), the categories they
    moderate and their role names (discussions.roles reads the same `_forum_role_names`). Read in one query
    and remembered in the process until one of PERSON_SECTIONS changes (core.pagecache.remember); a
    suspension is remembered with its end, so it ends on time."""
    email_ok, rules_ok, suspended_until, moderated, role_names = pagecache.remember(
        PERSON_SECTIONS, ("forum-person", user.pk), lambda: _forum_person(user.pk), by_language=False)
    suspended = suspended_until is not None and suspended_until > timezone.now()
    user._forum_standing = (email_ok, rules_ok, suspended)
    if getattr(user, "_moderated_category_ids", None) is None:
        user._moderated_category_ids = moderated
    if getattr(user, "_forum_role_names", None) is None:
        user._forum_role_names = role_names


def _forum_person(pk) -> tuple:
    """(address confirmed, rules accepted, end of the running suspension or None, moderated category ids,
    role names) of the person `pk`, in one query."""
    person = OuterRef("pk")
    moderated = (Category.moderators.through.objects.filter(user_id=person).values("user_id")
                 .annotate(ids=StringAgg(Cast("category_id", CharField()), Value(","))).values("ids"))
    groups = (get_user_model().groups.through.objects.filter(user_id=person).values("user_id")
              .annotate(names=StringAgg("group__name", Value("\n"))).values("names"))
    suspended_until = (Suspension.objects.active().filter(user=person).values("user")
                       .annotate(until=Max("until")).values("until"))
    row = get_user_model()._default_manager.filter(pk=pk).annotate(
        email_ok=Exists(EmailAddress.objects.filter(user=person, verified=True)),
        rules_ok=Exists(ForumProfile.objects.filter(user=person, accepted_rules_at__isnull=False)),
        suspended_until=Subquery(suspended_until), moderated_ids=Subquery(moderated),
        role_names=Subquery(groups),
    ).values_list("email_ok", "rules_ok", "suspended_until", "moderated_ids", "role_names").first()
    email_ok, rules_ok, suspended_until, moderated, names = row or (False, False, None, "", "")
    return (bool(email_ok), bool(rules_ok), suspended_until,
            frozenset(int(pk) for pk in (moderated or "").split(",") if pk),
            frozenset(name for name in (names or "").split("\n") if name))


def _standing(user) -> tuple[bool, bool, bool]:
    """(a confirmed e-mail address, the rules accepted, a running suspension): what posting needs."""
    if getattr(user, "_forum_standing", None) is None:
        _read_forum_person(user)
    return user._forum_standing


def has_verified_email(user) -> bool:
    return _standing(user)[0]


def has_accepted_rules(user) -> bool:
    return _standing(user)[1]


def is_suspended(user) -> bool:
    return _standing(user)[2]


def posting_blocker(user, category) -> str | None:
    """Why the person may not post in this category now ("login", "email", "rules", "suspended",
    "members"), or None when they may. Pages tell people what to do next instead of a bare 403."""
    if not user.is_authenticated:
        return "login"
    if not has_verified_email(user):
        return "email"
    if is_suspended(user):
        return "suspended"
    if category.coalition_id is not None and not (
            coalition_permissions.is_member(user, category.coalition) or can_moderate(user, category)):
        return "members"
    if not has_accepted_rules(user):
        return "rules"
    return None


def can_post(user, category) -> bool:
    return can_read_category(user, category) and posting_blocker(user, category) is None


def can_reply(user, thread) -> bool:
    if thread.is_locked and not can_moderate(user, thread.category):
        return False
    return can_read_thread(user, thread) and can_post(user, thread.category)


def can_edit_post(user, post) -> bool:
    if not user.is_authenticated or post.is_deleted:
        return False
    if can_moderate(user, post.thread.category):
        return True
    if post.author_id != user.pk or post.is_hidden or is_suspended(user) or post.thread.is_locked:
        return False
    window = dt.timedelta(minutes=settings.FORUM_EDIT_WINDOW_MINUTES)
    return timezone.now() - post.created_at <= window


def can_delete_post(user, post) -> bool:
    return user.is_authenticated and post.author_id == user.pk and not post.is_deleted


def can_flag(user) -> bool:
    return user.is_authenticated


def can_suspend(user) -> bool:
    """Suspending an account stops it everywhere in the forum: global moderators only."""
    return is_global_moderator(user)


def can_see_queue(user) -> bool:
    """Anyone who moderates something sees the queue (filtered to what they moderate)."""
    if not user.is_authenticated:
        return False
    return (is_global_moderator(user) or user.moderated_categories.exists()
            or user.memberships.managing().exists())


def needs_premoderation(user) -> bool:
    """The first FORUM_PREMODERATION_POSTS posts of a new account wait for a moderator. Verified
    professionals and moderators are trusted from the start."""
    if settings.FORUM_PREMODERATION_POSTS <= 0 or user.is_verified or is_global_moderator(user):
        return False
    approved = Post.objects.filter(author=user, is_pending=False).count()
    return approved < settings.FORUM_PREMODERATION_POSTS


NEW_ACCOUNT_DAYS = 7
NEW_ACCOUNT_MAX_LINKS = 2


def link_limit(user) -> int | None:
    """A new account (not verified, joined within a week) may put at most 2 links in a post."""
    if user.is_verified or is_global_moderator(user):
        return None
    if timezone.now() - user.date_joined > dt.timedelta(days=NEW_ACCOUNT_DAYS):
        return None
    return NEW_ACCOUNT_MAX_LINKS


# The admin permissions the roles need for the forum (gathered by accounts.roles.role_permissions()):
# categories and their moderators, threads, posts, flags, the log (discussions/admin.py).
ROLE_PERMISSIONS = {
    roles.REGIONAL_COORDINATOR: [
        "discussions.view_category", "discussions.change_category", "discussions.view_thread",
        "discussions.change_thread", "discussions.view_post", "discussions.change_post", "discussions.view_flag",
        "discussions.change_flag", "discussions.view_moderationaction", "discussions.view_suspension",
        "discussions.add_suspension", "discussions.change_suspension",
    ],
}
