"""One service, its provider and "report an error in this record". What the pages show of a record (and
its JSON-LD) is services/presenters.py; the feed of recently changed services is services/feeds.py."""

from django.contrib import messages
from django.db.models import BooleanField, Case, Prefetch, Value, When, prefetch_related_objects
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core import pagecache
from core.contributions import gather
from core.pagecache import cache_public_page
from core.ratelimit import is_rate_limited
from services import emails, presenters
from services.forms import CorrectionForm
from services.models import Facility, Provider, Service

# --- Service ----------------------------------------------------------------------------------------


# The page also lists the public forum threads about the service type (discussions' related_threads tag),
# which coalition boards' visibility decides, and what other apps add (the kraj's network: "network").
DETAIL_SECTIONS = ("registry", "codelists", "discussions", "coalitions", "network")


@cache_public_page(*DETAIL_SECTIONS)
def service_detail(request, pk, slug=""):
    """Everything the registry knows about one service: who it is for, where, capacity and free places."""
    record = _service_record(pk)
    if request.path != record["service"].get_absolute_url():  # short or outdated slug: one canonical address
        return redirect(record["service"], permanent=True)
    return _render_service(request, record, CorrectionForm())


@require_http_methods(["GET", "POST"])
def correction(request, pk):
    """Store a reported error in the record for the coordinators, then mail them from a background task
    once stored (services.emails: a failing mail loses nothing, the report is in the database first)."""
    record = _service_record(pk)
    service = record["service"]
    if request.method == "GET":  # e.g. the language switch on a re-rendered form: back to the record
        return redirect(service)
    form = CorrectionForm(request.POST)
    if is_rate_limited(request, "record-correction", limit=5, period=3600):
        return _render_service(request, record, form, rate_limited=True, status=429)
    if not form.is_valid():
        return _render_service(request, record, form)
    if not form.is_spam():  # bots get the same thanks, and nothing is stored
        report = form.save(commit=False)
        report.service = service
        report.save()
        emails.queue_correction_mail(report, language=get_language())
    messages.success(request, _("Thank you for your report. The coordinators of the registry will check the "
                                "record."))
    # "#top": the form was posted to #correction, and a redirect keeps that fragment unless it gets its
    # own; the thanks are shown at the top of the page.
    return redirect(f"{service.get_absolute_url()}#top")


def _services_with_provider():
    return Service.objects.select_related("provider", "service_type")


def _service_record(pk) -> dict:
    """What the page shows of the service (services/presenters.py) and what other apps add to it: the same for
    everyone, so it is read and drawn once per generation of the data, day and language and kept in memory
    (core.pagecache.remember); signed-in people, whose pages are never cached whole, get it too. A fixed
    number of queries however many facilities, forms or reports there are; a 404 is not kept."""

    def read():
        service = get_object_or_404(_services_with_provider(), pk=pk)
        today = timezone.localdate()
        since = presenters.history_start(today)
        facilities = Facility.objects.select_related("obec").order_by("name", "pk")
        prefetch_related_objects([service], "forms", "capacities", "target_groups", "age_groups", "served_kraje",
                                 "served_orps", "served_obce", Prefetch("facilities", queryset=facilities))
        reports = list(service.capacity_reports.filter(as_of__gte=since).order_by("as_of", "pk"))
        record = {
            **presenters.service_page(service, reports, since=since, today=today),
            # Sections other apps add to the page (e.g. network/service_detail.py), without the registry
            # importing them.
            "contributed_sections": gather("service_detail", "service_detail_sections", service),
        }
        # Drawn here, with the record: the part of the page that shows it depends on nothing else, and drawing
        # it was most of the page's time.
        record["record_html"] = render_to_string("services/_service_record.html", record)
        return record

    return pagecache.remember(DETAIL_SECTIONS, ("service-record", int(pk)), read)


def _render_service(request, record, form, *, rate_limited=False, status=200):
    """The detail page: the record, and the correction form of this request. The empty form is the same for
    everybody (the CSRF token sits outside it), so it is drawn once per language and kept like the record."""
    if not form.is_bound:
        form = pagecache.remember(DETAIL_SECTIONS, ("correction-form",), lambda: str(form))
    return render(request, "services/service_detail.html", {
        **record, "correction_form": form, "rate_limited": rate_limited}, status=status)


# --- Provider -------------------------------------------------------------------------------------


@cache_public_page("registry", "codelists")
def provider_detail(request, pk, slug=""):
    """A provider's public details, all its services (active first) and their facilities."""
    provider = get_object_or_404(Provider.objects.select_related("obec"), pk=pk)
    if request.path != provider.get_absolute_url():
        return redirect(provider, permanent=True)
    today = timezone.localdate()
    services = list(provider.services.select_related("service_type").annotate(
        ended=Case(When(valid_to__lt=today, then=Value(True)), default=Value(False), output_field=BooleanField()),
    ).order_by("ended", "name", "pk"))
    facilities = list(Facility.objects.filter(service__provider=provider).select_related("obec", "service")
                      .order_by("name", "pk"))
    return render(request, "services/provider_detail.html",
                  presenters.provider_page(provider, services, facilities, today))
