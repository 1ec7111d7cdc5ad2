"""The casework pages of minitendry, for the people in them: OSPOD workers (their office's requests, a new
request, choosing an offer or cancelling, confirming delivery and closure), provider staff (the requests open
to them, an offer, their offers, delivery and closure of their contracts) and regional coordinators (their
kraj's requests, read-only). Every page asks families/permissions.py; a request the person may not see is 404,
an action they may not take 403; every access to a request is logged. No page here is cached or in a sitemap.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from core.pagination import paginate
from core.spreadsheets import csv_response, spreadsheet_export, xlsx_response
from families import emails, permissions
from families.access import log_export
from families.filters import OfferFilter, OpenRequestFilter, RequestFilter
from families.forms import CancelForm, ClosureForm, DeliveryForm, OfferForm, RequestForm, SelectForm
from families.models import (
    DeliveryReport,
    FamiliesError,
    Offer,
    PartialContract,
    RequestAccess,
    ServiceRequest,
)
from families.personal_data import WARNING
from families.views.helpers import get_request_for_user
from territory.models import Orp


def listed_requests(user):
    """The requests list of a person: their offices' requests and, for a coordinator, their kraje's."""
    if user.is_superuser:
        return ServiceRequest.objects.all()
    condition = Q(orp__in=permissions.office_orps(user))
    if permissions.is_families_coordinator(user):
        condition |= Q(orp__kraj__in=permissions.coordinated_kraje(user))
    return ServiceRequest.objects.filter(condition)


def _requests_page_allowed(user) -> bool:
    return permissions.is_ospod_worker(user) or permissions.is_families_coordinator(user)


def attention_counts(requests) -> dict:
    """How many of the requests need the office's attention (one query)."""
    now = timezone.now()
    has_offer = Exists(Offer.objects.valid().filter(request=OuterRef("pk")))
    to_confirm = Exists(PartialContract.objects.closure_to_confirm().filter(request=OuterRef("pk")))
    late = Q(state=ServiceRequest.State.OPEN, offers_due__lt=now)
    return requests.aggregate(
        awaiting_choice=Count("pk", filter=late & Q(has_offer)),
        without_offers=Count("pk", filter=late & ~Q(has_offer)),
        taking_offers=Count("pk", filter=Q(state=ServiceRequest.State.OPEN, offers_due__gte=now)),
        closure_to_confirm=Count("pk", filter=Q(to_confirm)))


def _orps_of(requests):
    return Orp.objects.filter(pk__in=requests.values("orp")).order_by("name")


@never_cache
@login_required
def request_list(request):
    """An office's requests (and a coordinator's kraj), with what needs attention first."""
    user = request.user
    if not _requests_page_allowed(user):
        raise PermissionDenied
    scope = listed_requests(user)
    years = sorted({moment.year for moment in scope.datetimes("created_at", "year")}, reverse=True)
    filterset = RequestFilter(request.GET, queryset=scope.for_listing(), orps=_orps_of(scope), years=years)
    requests = filterset.qs.order_by("-created_at", "-pk")
    _page, pagination = paginate(request, requests)
    return render(request, "families/request_list.html", {
        **pagination, "filterset": filterset, "attention": attention_counts(scope),
        "can_post": permissions.is_ospod_worker(user), "now": timezone.now(),
        "export_query": request.GET.urlencode(),
    })


@never_cache
@login_required
def request_create(request):
    """An OSPOD worker's new request; the providers that may answer it are told (batched e-mails)."""
    offices = permissions.office_orps(request.user)
    if not offices.exists():
        raise PermissionDenied
    form = RequestForm(request.POST or None, offices=offices)
    if request.method == "POST" and form.is_valid():
        new = form.save(commit=False)
        new.created_by = request.user
        new.save()
        emails.queue_new_request(new, actor=request.user)
        messages.success(request, _("The request is posted. Providers with a framework agreement for it can offer "
                                    "until the deadline."))
        return redirect(new)
    return render(request, "families/request_form.html", {"form": form, "warning": WARNING})


@spreadsheet_export
@never_cache
@login_required
def request_export(request, file_format):
    """The filtered requests list as CSV or XLSX. The free text (case code, ages, need, scope, reason) only for
    an OSPOD worker and only of their own office's requests; every request in the file is an access, logged."""
    user = request.user
    if file_format not in ("csv", "xlsx"):
        raise Http404
    if not _requests_page_allowed(user):
        raise PermissionDenied
    scope = listed_requests(user)
    years = sorted({moment.year for moment in scope.datetimes("created_at", "year")}, reverse=True)
    filterset = RequestFilter(request.GET, queryset=scope.for_listing().select_related("contract"),
                              orps=_orps_of(scope), years=years)
    rows = list(filterset.qs.order_by("-created_at", "-pk"))
    own = set(permissions.office_orps(user).values_list("pk", flat=True)) if permissions.exports_free_text(
        user) else set()
    header = [_("Number"), _("Kraj"), _("Office (ORP)"), _("Category"), _("Number of children"), _("Urgency"),
              _("State"), _("Posted at"), _("Offers until"), _("Offers"), _("Contract number"),
              _("Contract value (CZK)"), _("Concluded on"), _("Outcome")]
    if own:
        header += [_("Case code of the office"), _("Ages of the children"), _("Situation and need"),
                   _("Expected scope"), _("Reason for cancelling")]
    lines = [header]
    for row in rows:
        contract = getattr(row, "contract", None)
        line = [row.reference, row.orp.kraj.name, row.orp.name, row.get_category_display(), row.children_count,
                row.get_urgency_display(), row.get_state_display(), timezone.localtime(row.created_at),
                timezone.localtime(row.offers_due), row.offer_count, contract.number if contract else "",
                contract.value if contract else None, contract.concluded_on if contract else None,
                contract.get_outcome_display() if contract else ""]
        if own:
            line += ([row.case_code, row.children_ages, row.need, row.expected_scope, row.cancel_reason]
                     if row.orp_id in own else ["", "", "", "", ""])
        lines.append(line)
    log_export([row.pk for row in rows], user, role=_export_role(user))
    filename = f"poptavky-{timezone.localdate().isoformat()}.{file_format}"
    if file_format == "csv":
        return csv_response(lines, filename, streaming=False)
    return xlsx_response(lines, filename, sheet_title=_("Requests"))


def _export_role(user) -> str:
    if user.is_superuser:
        return permissions.SUPERUSER
    return permissions.OFFICE if permissions.is_ospod_worker(user) else permissions.COORDINATOR


# --- The request's page --------------------------------------------------------------------------------------


def _detail(request, found, role, *, status=200, **forms):
    """The request's page as the person may see it, with the forms of the steps they may take."""
    user = request.user
    now = timezone.now()
    offers = list(permissions.visible_offers(user, found, role).order_by("submitted_at", "pk"))
    manages = permissions.can_manage_request(user, found)
    contract = (PartialContract.objects.select_related("provider", "offer", "offer__service", "agreement")
                .prefetch_related(Prefetch("deliveries", queryset=DeliveryReport.objects.order_by("-month")))
                .filter(request=found).first())
    submitted = [offer for offer in offers if offer.state == Offer.State.SUBMITTED]
    context = {
        "req": found, "role": role, "offers": offers, "contract": contract, "manages": manages, "now": now,
        "sees_all_offers": permissions.sees_all_offers(user, found, role),
        "can_offer": permissions.can_offer(user, found, now),
        "withdrawable": permissions.withdrawable(user, found, offers),
    }
    if manages and found.is_open and found.deadline_passed(now) and submitted:
        context["select_form"] = forms.get("select_form") or SelectForm(
            offers=found.offers.filter(state=Offer.State.SUBMITTED).select_related("provider"))
    if manages and found.is_open:
        context["cancel_form"] = forms.get("cancel_form") or CancelForm()
    if contract is not None:
        delivers = permissions.delivers(user, contract)
        context["delivers"] = delivers
        context["can_confirm"] = permissions.can_confirm(user, contract)
        if delivers and not contract.closure_reported:
            context["delivery_form"] = forms.get("delivery_form") or DeliveryForm(contract=contract)
            context["closure_form"] = forms.get("closure_form") or ClosureForm()
    if role in (permissions.OFFICE, permissions.COORDINATOR, permissions.SUPERUSER):
        context["accesses"] = list(found.accesses.order_by("-at", "-pk")[:20])
        context["access_count"] = found.accesses.count()
    return render(request, "families/request_detail.html", context, status=status)


@never_cache
@login_required
def request_detail(request, pk):
    found, role = get_request_for_user(request, pk)
    return _detail(request, found, role)


def _managed_request(request, pk):
    found, role = get_request_for_user(request, pk, action=RequestAccess.Action.STEP)
    if not permissions.can_manage_request(request.user, found):
        raise PermissionDenied
    return found, role


@require_POST
@login_required
def request_select(request, pk):
    """The office chooses an offer after the deadline: the partial contract is concluded."""
    found, role = _managed_request(request, pk)
    form = SelectForm(request.POST, offers=found.offers.filter(state=Offer.State.SUBMITTED).select_related(
        "provider"))
    if not form.is_valid():
        return _detail(request, found, role, select_form=form)
    try:
        contract = found.select(form.cleaned_data["offer"], by=request.user, number=form.cleaned_data["number"])
    except FamiliesError as error:
        messages.error(request, error.message)
        return redirect(found)
    emails.queue_selection(contract, actor=request.user)
    messages.success(request, _("The partial contract %(number)s is concluded with %(provider)s. The other "
                                "providers are told they were not selected.") % {
        "number": contract.number, "provider": contract.provider.name})
    return redirect(found)


@require_POST
@login_required
def request_cancel(request, pk):
    found, role = _managed_request(request, pk)
    form = CancelForm(request.POST)
    if not form.is_valid():
        return _detail(request, found, role, cancel_form=form)
    try:
        found.cancel(by=request.user, reason=form.cleaned_data["reason"])
    except FamiliesError as error:
        messages.error(request, error.message)
        return redirect(found)
    emails.queue_cancellation(found, actor=request.user)
    messages.success(request, _("The request is cancelled."))
    return redirect(found)


# --- Offers --------------------------------------------------------------------------------------------------


@never_cache
@login_required
def offer_create(request, pk):
    """A provider's offer on a request it may answer, under its framework agreement."""
    found, _role = get_request_for_user(request, pk, action=RequestAccess.Action.OFFER)
    agreements = permissions.answering_agreements(request.user, found)
    if not agreements:
        raise PermissionDenied  # they may see it (their own offer, say) but may not offer now
    for agreement in agreements:
        agreement.services_list = list(agreement.services.all())
    form = OfferForm(request.POST or None, agreements=agreements, request_obj=found)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            offer = Offer.submit(request=found, agreement=data["agreement"], by=request.user,
                                 service=data.get("service"), start_on=data["start_on"], unit=data["unit"],
                                 units=data["units"], unit_price=data["unit_price"], scope=data["scope"],
                                 approach=data["approach"])
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        except FamiliesError as error:
            form.add_error(None, error.message)
        else:
            emails.queue_new_offer(offer, actor=request.user)
            messages.success(request, _("Your offer is submitted. The office chooses after the deadline; you will "
                                        "be told the result."))
            return redirect(found)
    return render(request, "families/offer_form.html", {"req": found, "form": form, "agreements": agreements,
                                                        "warning": WARNING})


@require_POST
@login_required
def offer_withdraw(request, pk):
    offer = get_object_or_404(Offer.objects.select_related("request"), pk=pk)
    found, _role = get_request_for_user(request, offer.request_id, action=RequestAccess.Action.STEP)
    if not permissions.my_offers(request.user).filter(pk=offer.pk).exists():
        raise Http404
    if not permissions.can_withdraw(request.user, offer):
        raise PermissionDenied
    try:
        offer.withdraw(by=request.user)
    except FamiliesError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your offer is withdrawn."))
    return redirect(found)


@never_cache
@login_required
def open_requests(request):
    """The requests the person's provider may answer now (agreement in force, category, territory)."""
    if not permissions.is_provider_staff(request.user):
        raise PermissionDenied
    now = timezone.now()
    scope = permissions.open_requests_for(request.user, now)
    mine = Offer.objects.valid().of_providers(permissions.staffed_provider_ids(request.user))
    filterset = OpenRequestFilter(request.GET, queryset=scope.select_related("orp").annotate(
        offered=Exists(mine.filter(request=OuterRef("pk")))), orps=_orps_of(scope))
    _page, pagination = paginate(request, filterset.qs.order_by("offers_due", "pk"))
    return render(request, "families/open_requests.html", {**pagination, "filterset": filterset, "now": now})


@never_cache
@login_required
def my_offers(request):
    """The offers of the person's providers, with their outcome."""
    if not permissions.is_provider_staff(request.user):
        raise PermissionDenied
    offers = permissions.my_offers(request.user)
    years = sorted({moment.year for moment in offers.datetimes("submitted_at", "year")}, reverse=True)
    filterset = OfferFilter(request.GET, queryset=offers.for_listing().select_related("contract"), years=years)
    _page, pagination = paginate(request, filterset.qs.order_by("-submitted_at", "-pk"))
    return render(request, "families/my_offers.html", {**pagination, "filterset": filterset})


# --- Delivery and closure ------------------------------------------------------------------------------------


def _contract_for(request, pk):
    contract = get_object_or_404(PartialContract.objects.select_related("offer", "request"), pk=pk)
    found, role = get_request_for_user(request, contract.request_id, action=RequestAccess.Action.STEP)
    return contract, found, role


@require_POST
@login_required
def delivery_report(request, pk):
    """The provider reports the units delivered in a month."""
    contract, found, role = _contract_for(request, pk)
    if not permissions.can_report_delivery(request.user, contract):
        raise PermissionDenied
    form = DeliveryForm(request.POST, contract=contract)
    if not form.is_valid():
        return _detail(request, found, role, delivery_form=form)
    try:
        report = contract.report_delivery(by=request.user, **form.cleaned_data)
    except (FamiliesError, ValidationError) as error:
        messages.error(request, getattr(error, "message", None) or " ".join(error.messages))
        return redirect(found)
    emails.queue_delivery(report, actor=request.user)
    messages.success(request, _("The delivery is reported; the office confirms it."))
    return redirect(found)


@require_POST
@login_required
def closure_report(request, pk):
    """The provider reports how the service ended."""
    contract, found, role = _contract_for(request, pk)
    if not permissions.can_report_delivery(request.user, contract):
        raise PermissionDenied
    form = ClosureForm(request.POST)
    if not form.is_valid():
        return _detail(request, found, role, closure_form=form)
    try:
        contract.report_closure(outcome=form.cleaned_data["outcome"], reason=form.cleaned_data["reason"],
                                by=request.user)
    except FamiliesError as error:
        messages.error(request, error.message)
        return redirect(found)
    emails.queue_closure(contract, actor=request.user)
    messages.success(request, _("The closure is reported; the office confirms it."))
    return redirect(found)


@require_POST
@login_required
def delivery_confirm(request, pk):
    report = get_object_or_404(DeliveryReport.objects.select_related("contract"), pk=pk)
    contract, found, _role = _contract_for(request, report.contract_id)
    if not permissions.can_confirm(request.user, contract):
        raise PermissionDenied
    try:
        report.confirm(by=request.user)
    except FamiliesError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The month is confirmed."))
    return redirect(found)


@require_POST
@login_required
def closure_confirm(request, pk):
    contract, found, _role = _contract_for(request, pk)
    if not permissions.can_confirm(request.user, contract):
        raise PermissionDenied
    try:
        contract.confirm_closure(by=request.user)
    except FamiliesError as error:
        messages.error(request, error.message)
        return redirect(found)
    emails.queue_confirmation(contract, actor=request.user)
    messages.success(request, _("The closure is confirmed; the request is closed."))
    return redirect(found)
