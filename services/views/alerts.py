"""Saved registry searches with e-mail alerts when places free up: save, list, switch, remove, unsubscribe."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from services import emails
from services.forms import SavedSearchForm
from services.models import SavedSearch

MAX_SAVED_SEARCHES = 50


@login_required
@require_http_methods(["GET", "POST"])
def saved_searches(request):
    """The person's saved searches; POST saves the search the search page sent (name, alerts, query)."""
    form = SavedSearchForm(request.POST or None)
    if request.method == "POST" and SavedSearch.objects.filter(user=request.user).count() >= MAX_SAVED_SEARCHES:
        # Every saved search is checked daily: a bound keeps one account from loading the digest.
        form.add_error(None, _("You can keep at most %(count)d saved searches. Remove one first.")
                       % {"count": MAX_SAVED_SEARCHES})
    if request.method == "POST" and form.is_valid():
        search = form.save(commit=False)
        search.user = request.user
        # Services with free places now are known already: the first e-mail lists only newcomers.
        search.known_free = emails.free_service_ids(search.query)
        search.save()
        messages.success(request, _("The search “%(name)s” was saved.") % {"name": search.name})
        return redirect("services:saved-searches")
    searches = list(SavedSearch.objects.filter(user=request.user))
    return render(request, "services/saved_searches.html", {"searches": searches, "form": form},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def saved_search_alerts(request, pk):
    """Switch the e-mails of one saved search on or off."""
    search = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    search.alerts = request.POST.get("alerts") == "on"
    if search.alerts:
        search.known_free = emails.free_service_ids(search.query)
    search.save(update_fields=["alerts", "known_free"])
    if search.alerts:
        messages.success(request, _("You will get e-mails about “%(name)s”.") % {"name": search.name})
    else:
        messages.success(request, _("E-mails about “%(name)s” are off.") % {"name": search.name})
    return redirect("services:saved-searches")


@login_required
@require_POST
def delete_saved_search(request, pk):
    search = get_object_or_404(SavedSearch, pk=pk, user=request.user)  # another person's: 404, not 403
    search.delete()
    messages.success(request, _("The search “%(name)s” was removed.") % {"name": search.name})
    return redirect("services:saved-searches")


@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """Stop the e-mails of a saved search from the link in the e-mail, without logging in. GET only asks:
    link scanners must not unsubscribe anyone."""
    pk = emails.saved_search_pk_from_token(token)
    search = SavedSearch.objects.filter(pk=pk).first() if pk is not None else None
    if search is None:
        return render(request, "services/alerts_unsubscribe.html", {"invalid": True}, status=400)
    if request.method == "POST":
        if search.alerts:
            search.alerts = False
            search.save(update_fields=["alerts"])
        messages.success(request, _("You will no longer receive e-mails about “%(name)s”.")
                         % {"name": search.name})
        return redirect(reverse("services:alerts-unsubscribe", args=[token]))
    return render(request, "services/alerts_unsubscribe.html", {"search": search})
