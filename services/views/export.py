"""CSV download of a registry search: the same filters and order as the search page, every result."""

from django.utils import timezone
from django.utils.translation import gettext as _

from core.spreadsheets import csv_response, spreadsheet_export
from services.filters import ServiceFilter
from services.models import Service

CHUNK_SIZE = 500


@spreadsheet_export
def service_list_csv(request):
    """Stream the search result as CSV (UTF-8 with BOM and semicolons, as Czech Excel opens it): the rows are
    read in chunks of CHUNK_SIZE, so memory stays flat even for the whole national registry. A malformed
    filter is left out and the others apply, exactly as on the search page. No cell can run as a formula
    (core.spreadsheets)."""
    filterset = ServiceFilter(request.GET, queryset=Service.objects.for_listing())
    services = filterset.qs.for_search_results()
    header = [_("Registry identifier"), _("Name"), _("Service type"), _("Provider"), _("IČO"),
              _("Forms of provision"), _("Facilities"), _("Free places"), _("Waiting list"), _("As of"),
              _("Outdated"), _("Phone"), _("E-mail"), _("Web"), _("Provided until"),
              _("Address on the portal")]

    def rows():
        yield header
        for service in services.iterator(chunk_size=CHUNK_SIZE):
            yield _row(request, service)

    # Every cell through core.spreadsheets.safe_cell: a name like "=HYPERLINK(…)" stays text in Excel.
    return csv_response(rows(), f"socialni-sluzby-{timezone.localdate().isoformat()}.csv")


def _row(request, service) -> list:
    facilities = [f.name if f.address_hidden else ", ".join(part for part in (f.name, f.address, f.obec.name
                                                                              if f.obec else "") if part)
                  for f in service.facilities.all()]
    reported = service.current_report_at is not None
    return [
        service.registry_id, service.name, service.service_type.label, service.provider.name,
        service.provider.ico,
        ", ".join(f.get_form_display() for f in service.forms.all()),
        " | ".join(facilities),
        service.current_free_places if reported else "",
        service.current_waiting_list if reported else "",
        service.current_report_at.isoformat() if reported else "",
        (_("yes") if service.report_is_outdated else _("no")) if reported else "",
        service.phone or service.provider.phone, service.email or service.provider.email,
        service.web or service.provider.web,
        service.valid_to.isoformat() if service.valid_to else "",
        request.build_absolute_uri(service.get_absolute_url()),
    ]
