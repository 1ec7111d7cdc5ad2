"""The coordinator's dashboard (/koordinace/): what needs attention in the kraje a regional coordinator
manages, each number a link to the list showing exactly those records.

The page is assembled from what the apps offer (core.contributions): each app's `dashboard.py` gives its
numbers (`attention_items`) and, optionally, blocks of its own markup (`panels`); the contract, and the order
of the sections on the page, are in core/dashboard.py. Each app counts in a fixed number of queries, so the
page does too (tests/portal/test_dashboard.py pins it). Regional coordinators and superusers see it; for everyone
else it is a 403 (anonymous visitors are sent to log in).
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import prefetch_related_objects
from django.shortcuts import render

from accounts import permissions as account_permissions
from core.contributions import gather
from core.dashboard import Item

SESSION_FLAG = "portal_dashboard"  # templates/base.html reads request.session.portal_dashboard


def can_see_dashboard(user) -> bool:
    """Regional coordinators (of at least one kraj) and superusers."""
    return account_permissions.is_regional_coordinator(user)


def remember_dashboard(sender, request, user, **kwargs) -> None:
    """On login, note in the session whether the menu shows the dashboard: no query on every page."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_FLAG] = can_see_dashboard(user)


# This module is itself the `dashboard` module of an installed app (portal): it must not define the contract's
# `attention_items` or `panels`, or gathering them would call itself.
def all_attention_items(user, kraje: list | None = None) -> list[Item]:
    """Everything that needs attention in the person's kraje (primary keys; by default those they
    coordinate), as numbers with links, in the order of the page."""
    if kraje is None:
        kraje = list(account_permissions.coordinated_kraje(user).values_list("pk", flat=True))
    return sorted(gather("dashboard", "attention_items", user, kraje), key=lambda item: item.order)


def sections(items: list[Item], panels: list) -> list[tuple]:
    """(heading, its items, its panels) in the order of the items."""
    found: dict = {}
    for item in items:
        found.setdefault(item.section, ([], []))[0].append(item)
    for panel in panels:
        found.setdefault(panel.section, ([], []))[1].append(panel)
    return [(section, items, panels) for section, (items, panels) in found.items()]


@login_required
def dashboard(request):
    """The coordinator's dashboard: numbers of what needs attention in their kraje, linked to the lists."""
    user = request.user
    prefetch_related_objects([user], "groups")  # the role questions below then ask no more queries
    if not can_see_dashboard(user):
        if request.session.get(SESSION_FLAG):
            request.session[SESSION_FLAG] = False  # the role was taken away: the menu link goes too
        raise PermissionDenied
    if not request.session.get(SESSION_FLAG):
        request.session[SESSION_FLAG] = True  # a role given after the login: the menu shows it from now on
    kraje = list(account_permissions.coordinated_kraje(user).order_by("name"))
    pks = [kraj.pk for kraj in kraje]
    return render(request, "portal/dashboard.html", {
        "kraje": kraje,
        "sections": sections(all_attention_items(user, pks), gather("dashboard", "panels", user, pks))})
