"""The board of offers and requests: list with filters, item page with a contact form, posting, resolving."""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from discussions import moderation
from discussions.forms import ReasonForm
from discussions.offers import emails, permissions
from discussions.offers.filters import OfferFilter
from discussions.offers.forms import OfferContactForm, OfferForm
from discussions.offers.models import Offer, OfferMessage
from core.pagecache import cache_public_page
from core.pagination import paginate
from core.ratelimit import is_rate_limited

PAGE_SIZE = 20
CONTACTS_PER_HOUR = 5
DUPLICATE_WINDOW = dt.timedelta(minutes=10)


@cache_public_page("offers", "codelists")
def offer_list(request):
    """Current offers and requests, newest first, filtered by kind, topic and territory."""
    filterset = OfferFilter(request.GET or None, queryset=Offer.objects.current().for_listing())
    _page, pagination = paginate(request, filterset.qs.order_by("-created_at", "-pk"), per_page=PAGE_SIZE)
    return render(request, "discussions/offers/offer_list.html", {
        **pagination, "form": filterset.form, "query": request.GET.urlencode(),
        "can_create": permissions.can_create_offer(request.user),
    })


@login_required
def my_offers(request):
    """The author's own items, expired and resolved ones included (they are kept, not deleted)."""
    offers = Offer.objects.by(request.user).for_listing().order_by("-created_at", "-pk")
    _page, pagination = paginate(request, offers, per_page=PAGE_SIZE)
    return render(request, "discussions/offers/my_offers.html", {**pagination, "today": timezone.localdate()})


def _visible_offer(request, pk):
    offer = get_object_or_404(Offer.objects.for_listing(), pk=pk)
    if not permissions.can_see_offer(request.user, offer):
        raise Http404
    return offer


def _detail(request, offer, *, contact_form=None, status=200):
    user = request.user
    if contact_form is None and permissions.can_contact_author(user, offer):
        initial = {"name": user.public_name, "email": user.email} if user.is_authenticated else {}
        contact_form = OfferContactForm(initial=initial)
    return render(request, "discussions/offers/offer_detail.html", {
        "offer": offer, "contact_form": contact_form,
        "can_edit": permissions.can_edit_offer(user, offer),
        "can_moderate": permissions.can_moderate_offer(user, offer),
        "is_author": user.is_authenticated and offer.author_id == user.pk,
        "flag_label": offer._meta.label_lower,
    }, status=status)


@cache_public_page("offers", "people", "codelists")
def offer_detail(request, pk, slug=None):
    offer = _visible_offer(request, pk)
    if slug != offer.slug:
        return redirect(offer, permanent=True)
    return _detail(request, offer)


@require_POST
def offer_contact(request, pk):
    """A message to the author: stored first, then mailed with Reply-To set to the sender."""
    offer = _visible_offer(request, pk)
    if not permissions.can_contact_author(request.user, offer):
        raise PermissionDenied
    form = OfferContactForm(request.POST)
    if is_rate_limited(request, "offer-contact", limit=CONTACTS_PER_HOUR, period=3600):
        messages.error(request, _("Too many messages from your address. Please try again in an hour."))
        return _detail(request, offer, contact_form=form, status=429)
    if not form.is_valid():
        return _detail(request, offer, contact_form=form, status=400)
    if not form.is_spam():
        message = OfferMessage.objects.create(
            offer=offer, sender=request.user if request.user.is_authenticated else None,
            **{key: form.cleaned_data[key] for key in ("name", "email", "message")})
        emails.queue_message_to_author(message)  # mailed after commit, from a background task
    messages.success(request, _("Your message has been sent to the author. They will reply to your e-mail."))
    return redirect(offer)


def _blocked(request, blocker):
    return render(request, "discussions/offers/cannot_post.html", {"blocker": blocker}, status=403)


@login_required
def offer_create(request):
    blocker = permissions.posting_blocker(request.user)
    if blocker:
        return _blocked(request, blocker)
    form = OfferForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        if form.is_spam():
            return redirect("offers:index")
        # A form posted twice (a double click, a reload) gives one item, not two.
        duplicate = Offer.objects.by(request.user).filter(
            title=form.cleaned_data["title"], text=form.cleaned_data["text"],
            created_at__gte=timezone.now() - DUPLICATE_WINDOW).first()
        if duplicate:
            return redirect(duplicate)
        offer = form.save(commit=False)
        offer.author = request.user
        offer.save()
        messages.success(request, _("Your item is on the board."))
        return redirect(offer)
    return render(request, "discussions/offers/offer_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def offer_edit(request, pk):
    offer = _visible_offer(request, pk)
    if not permissions.can_edit_offer(request.user, offer):
        raise PermissionDenied
    form = OfferForm(request.POST or None, instance=offer, user=request.user)
    if request.method == "POST" and form.is_valid() and not form.is_spam():
        form.save()
        if offer.author_id != request.user.pk:
            moderation.log(offer, by=request.user, action="edit", reason=_("Edited by a moderator"))
        messages.success(request, _("The item has been saved."))
        return redirect(offer)
    return render(request, "discussions/offers/offer_form.html", {"form": form, "offer": offer},
                  status=400 if form.errors else 200)


@login_required
@require_POST
def offer_resolve(request, pk):
    """The author marks the item resolved (it leaves the board, stays stored) or reopens it."""
    offer = _visible_offer(request, pk)
    if not permissions.can_edit_offer(request.user, offer):
        raise PermissionDenied
    if request.POST.get("reopen"):
        offer.reopen()
        messages.success(request, _("The item is back on the board."))
    else:
        offer.mark_resolved()
        messages.success(request, _("The item is marked as resolved and no longer shown on the board."))
    return redirect(offer)


@login_required
@require_POST
def offer_moderate(request, pk):
    """Moderators hide an item (with a reason, logged) or show it again."""
    offer = _visible_offer(request, pk)
    if not permissions.can_moderate_offer(request.user, offer):
        raise PermissionDenied
    form = ReasonForm(request.POST)
    if not form.is_valid():  # a NUL byte or more than 300 characters
        messages.error(request, form.errors["reason"][0])
        return redirect(offer)
    reason = form.cleaned_data["reason"]
    if request.POST.get("action") == "unhide":
        moderation.unhide(offer, by=request.user, reason=reason)
        messages.success(request, _("The item is visible again."))
    else:
        if not reason:
            messages.error(request, _("Give a reason for hiding the item; the author will see it."))
            return redirect(offer)
        moderation.hide(offer, by=request.user, reason=reason)
        messages.success(request, _("The item is hidden."))
    return redirect(offer)
