"""The forum's part of the coordinators' dashboard (portal/dashboard.py gathers it; contract in
core/dashboard.py): one number for the moderation queue, pending flags and posts waiting for approval.

Flags are generic (discussions/moderation.py), so the count takes in every moderated app: besides the forum's
own posts, an app whose objects can be flagged adds them in its `dashboard.py` with

    moderated_in_kraje(kraje) -> list[QuerySet]   # its moderated objects a coordinator of `kraje` answers for

(the offers board: discussions/offers/dashboard.py). All of them are counted in one query of flags.
"""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.contributions import gather
from core.dashboard import Item
from discussions.models import Flag, Post, Thread
from territory.models import home_kraj

ORDER = 20


def _pending_flags(scopes: list) -> int:
    """Distinct flagged objects among the querysets in `scopes` (1 query, however many models)."""
    counts = {}
    for n, scope in enumerate(scopes):
        meta = scope.model._meta
        counts[f"objects_{n}"] = Count("object_id", distinct=True, filter=Q(
            content_type__app_label=meta.app_label, content_type__model=meta.model_name,
            object_id__in=scope.values("pk")))
    return sum(count or 0 for count in Flag.objects.pending().aggregate(**counts).values())


def attention_items(user, kraje: list) -> list[Item]:
    """Topic categories belong to the installation's kraj, coalition boards and offers to their own kraj
    (3 queries: the home kraj, the flags, the pending posts)."""
    home = home_kraj()
    in_scope = Q(category__coalition__kraj__in=kraje)
    if home is not None and home.pk in kraje:
        in_scope |= Q(category__coalition__isnull=True)
    threads = Thread.objects.filter(in_scope).values("pk")
    posts = Post.objects.filter(thread__in=threads)
    flagged = _pending_flags([posts, *gather("dashboard", "moderated_in_kraje", kraje)])
    pending = Post.objects.pending().filter(is_hidden=False, thread__in=threads).count()
    label = _("Reported posts and offers, and posts waiting for approval")
    return [Item("moderation", _("Forum"), label, flagged + pending, reverse("discussions:queue"), ORDER)]
