"""The HSDS 3.1 read API: paginated lists (HSDS page envelope) with `page`, `per_page` and `modified_after`,
detail by id, and the OpenAPI description. Public, read-only, language-neutral (outside the /cs/ and /en/
prefixes), open to other sites' scripts (CORS) and cacheable for a minute. Every list page runs a fixed
number of queries (a count, the page, and one per prefetched relation)."""

import datetime as dt
import hashlib
import json
import math
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.http import HttpResponseNotModified, JsonResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.http import require_safe

from services import search
from services.api import hsds, ids
from services.models import Facility, Provider, RegisteredCapacity, Service

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 500
CACHE_SECONDS = 60
OPENAPI_FILE = Path(__file__).with_name("openapi.json")


class BadParameter(ValueError):
    pass


def _json(data, *, status=200) -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = f"public, max-age={CACHE_SECONDS}" if status == 200 else "no-cache"
    return response


def _error(message: str, *, status: int) -> JsonResponse:
    return _json({"error": message, "status": status}, status=status)


def api_view(view):
    """GET/HEAD only, Czech texts whatever the visitor's language, a bad parameter is a 400 JSON error."""

    @require_safe
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            try:
                response = view(request, *args, **kwargs)
            except BadParameter as error:
                return _error(str(error), status=400)
        if response.status_code == 200:
            # An ETag of the body: a harvester asking again with If-None-Match gets an empty 304.
            response["ETag"] = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
            if response["ETag"] in request.headers.get("If-None-Match", ""):
                not_modified = HttpResponseNotModified()
                for header in ("ETag", "Cache-Control", "Access-Control-Allow-Origin"):
                    not_modified[header] = response[header]
                return not_modified
        return response

    return wrapper


# --- Parameters ---------------------------------------------------------------------------------------


def _positive_int(request, name: str, default: int, maximum: int | None = None) -> int:
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise BadParameter(f"`{name}` must be a whole number from 1.")
    value = int(raw)
    if maximum is not None and value > maximum:
        raise BadParameter(f"`{name}` may be at most {maximum}.")
    return value


def _modified_after(request) -> dt.datetime | None:
    """`modified_after`: an ISO 8601 date-time (without a zone: Czech time) or a date (its midnight)."""
    raw = request.GET.get("modified_after")
    if not raw:
        return None
    try:
        moment = parse_datetime(raw.replace(" ", "+"))  # a "+" of the zone arrives as a space if not escaped
        if moment is None and (day := parse_date(raw)) is not None:
            moment = dt.datetime.combine(day, dt.time())
    except ValueError:
        moment = None
    if moment is None:
        raise BadParameter("`modified_after` must be an ISO 8601 date or date-time, "
                           "e.g. 2026-11-01T08:00:00+01:00.")
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _page(request, queryset, serialize, *, modified_field: str):
    """The HSDS page envelope around one page of `queryset` (ordered by pk, so pages never overlap)."""
    page = _positive_int(request, "page", 1)
    per_page = _positive_int(request, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE)
    modified_after = _modified_after(request)
    if modified_after is not None:
        queryset = queryset.filter(**{f"{modified_field}__gte": modified_after})
    total = queryset.count()
    total_pages = max(1, math.ceil(total / per_page))
    items = list(queryset.order_by("pk")[(page - 1) * per_page:page * per_page]) if page <= total_pages else []
    contents = [serialize(item) for item in items]
    return _json({
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not contents,
        "contents": contents,
    })


def _parsed_id(text: str, lookup):
    """Filter kwargs for the id, or None when it is not one of ours of that kind."""
    parsed = ids.parse(text)
    return lookup(*parsed) if parsed is not None else None


def _detail(queryset, filters, serialize, what: str):
    item = queryset.filter(**filters).first() if filters is not None else None
    if item is None:
        return _error(f"No {what} with this id.", status=404)
    return _json(serialize(item))


# --- Querysets ------------------------------------------------------------------------------------------


def _services():
    return Service.objects.select_related("provider", "service_type").prefetch_related(
        "capacities", "target_groups", "age_groups")


def _facilities():
    return Facility.objects.select_related("service", "obec__okres__kraj")


def _capacities():
    return RegisteredCapacity.objects.select_related("service")


# --- Views ----------------------------------------------------------------------------------------------


@api_view
def index(request):
    """API information (HSDS `/`)."""
    return _json({
        "version": "3.1",
        "profile": "https://docs.openreferral.org/en/latest/hsds/",
        "openapi_url": settings.SITE_URL + reverse("hsds:openapi"),
    })


@api_view
def openapi(request):
    """The OpenAPI 3.1 description of what this API serves, with this installation's address."""
    document = json.loads(OPENAPI_FILE.read_text(encoding="utf-8"))
    document["servers"] = [{"url": settings.SITE_URL + reverse("hsds:index").rstrip("/")}]
    return _json(document)


@api_view
def organizations(request):
    return _page(request, Provider.objects.all(), hsds.organization, modified_field="updated_at")


@api_view
def organization(request, id):
    return _detail(Provider.objects.all(), _parsed_id(id, ids.organization_lookup), hsds.organization,
                   "organization")


@api_view
def services(request):
    queryset = _services()
    organization_id = request.GET.get("organization_id")
    if organization_id:
        filters = _parsed_id(organization_id, ids.organization_lookup)
        if filters is None:
            raise BadParameter("`organization_id` is not an organization id of this API.")
        queryset = queryset.filter(provider__ico=filters["ico"])
    text = request.GET.get("search", "")
    if text:  # every word, as the search page matches them (without diacritics or capitals)
        queryset = queryset.filter(search.text_condition(search.search_tokens(text), {}))
    today = timezone.localdate()
    return _page(request, queryset, lambda s: hsds.service(s, today=today), modified_field="updated_at")


@api_view
def service(request, id):
    return _detail(_services(), _parsed_id(id, ids.service_lookup), hsds.service, "service")


@api_view
def locations(request):
    return _page(request, _facilities(), hsds.location, modified_field="service__updated_at")


@api_view
def location(request, id):
    filters = _parsed_id(id, lambda kind, key: {"pk": key} if kind == ids.LOCATION else None)
    return _detail(_facilities(), filters, hsds.location, "location")


@api_view
def service_at_locations(request):
    return _page(request, _facilities(), hsds.service_at_location, modified_field="service__updated_at")


@api_view
def service_at_location(request, id):
    filters = _parsed_id(id, lambda kind, key: {"pk": key} if kind == ids.SERVICE_AT_LOCATION else None)
    return _detail(_facilities(), filters, hsds.service_at_location, "service_at_location")


@api_view
def service_capacities(request):
    return _page(request, _capacities(), lambda line: hsds.service_capacity(line, line.service),
                 modified_field="service__updated_at")


@api_view
def service_capacity(request, id):
    return _detail(_capacities(), _parsed_id(id, ids.capacity_lookup),
                   lambda line: hsds.service_capacity(line, line.service), "service_capacity")


