"""How a service or provider record is shown: the context of its page (opening hours, facilities, map,
contacts, capacity history and provenance) and its schema.org JSON-LD.

Presenters read only what the view has already loaded (select_related / prefetch_related_objects) and
never query, so the pages keep a fixed number of queries; the views in services/views/detail.py fetch,
check and render.
"""

import datetime as dt
import json
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from services import charts
from services.models import CapacityUnit, Form, outdated_before

HISTORY_MONTHS = 24
FORMS, UNITS = dict(Form.choices), dict(CapacityUnit.choices)


# --- Pages ------------------------------------------------------------------------------------------


def service_page(service, reports, *, since: dt.date, today: dt.date) -> dict:
    """The context of the service page from `service` with its provider, service type, forms, capacities,
    groups, served areas and facilities (with obec) loaded, and `reports`: its capacity reports since
    `since` (history_start), oldest first."""
    capacities = list(service.capacities.all())
    stale_before = outdated_before()
    return {
        "service": service,
        "provider": service.provider,
        "is_ended": service.is_ended,
        "not_started": service.valid_from is not None and service.valid_from > today,
        "forms": [{"label": capfirst(f.get_form_display()), "nonstop": f.nonstop, "hours": opening_hours(f.hours)}
                  for f in service.forms.all()],
        "capacities": [{"line": c, "outdated": c.reported_at is not None and c.reported_at < stale_before}
                       for c in capacities],
        "facilities": _facility_rows(service.facilities.all(), today),
        "map": _map(service.facilities.all(), service.name),
        "no_map_reason": _no_map_reason(service.facilities.all()),
        "contacts": contact_rows(service, fallback=service.provider),
        "history": _history(reports, capacities, since, today),
        "provenance": _provenance(reports, capacities),
        "served": {"kraje": list(service.served_kraje.all()), "orps": list(service.served_orps.all()),
                   "obce": list(service.served_obce.all())},
        "json_ld": json_ld(_service_data(service)),
        "max_age_days": settings.CAPACITY_REPORT_MAX_AGE_DAYS,
    }


def provider_page(provider, services, facilities, today: dt.date) -> dict:
    """The context of the provider page: `services` annotated with `ended` (active first), `facilities`
    of all of them with obec and service loaded."""
    return {
        "provider": provider,
        "services": services,
        "active_count": sum(not s.ended for s in services),
        "facilities": _facility_rows(facilities, today, of_provider=True),
        "map": _map(facilities, provider.name),
        "no_map_reason": _no_map_reason(facilities),
        "contacts": contact_rows(provider),
        "json_ld": json_ld({"@context": "https://schema.org", **_provider_data(provider)}),
    }


# --- Parts of a record ------------------------------------------------------------------------------


def opening_hours(hours) -> list[tuple[str, list[str]]]:
    """[("Monday–Friday", ["08:00–16:00"]), …] from the registry's [{day: 1–7, from, to}, …]; consecutive
    days with the same hours are joined, and malformed entries are skipped rather than failing the page."""
    by_day: dict[int, list[str]] = {}
    for entry in hours if isinstance(hours, list) else []:
        try:
            day, start, end = int(entry["day"]), str(entry["from"]), str(entry["to"])
        except (KeyError, TypeError, ValueError):
            continue
        if 1 <= day <= 7:
            by_day.setdefault(day, []).append(f"{start}–{end}")
    runs: list[tuple[int, int, list[str]]] = []
    for day in sorted(by_day):
        ranges = sorted(by_day[day])
        if runs and runs[-1][1] == day - 1 and runs[-1][2] == ranges:
            runs[-1] = (runs[-1][0], day, ranges)
        else:
            runs.append((day, day, ranges))
    return [(str(WEEKDAYS[first - 1]) if first == last else f"{WEEKDAYS[first - 1]}–{WEEKDAYS[last - 1]}", ranges)
            for first, last, ranges in runs]


def _facility_rows(facilities, today: dt.date, *, of_provider=False) -> list[dict]:
    """Facilities with their forms spelled out; a hidden address never leaves the server. On the provider's
    page a facility of an ended service counts as ended too."""
    return [{"facility": f, "forms": [capfirst(FORMS[code]) for code in f.forms.split() if code in FORMS],
             "address": "" if f.address_hidden else address_line(f.address, f.postcode, f.obec.name if f.obec else ""),
             "ended": (f.valid_to is not None and f.valid_to < today) or (of_provider and f.service.is_ended)}
            for f in facilities]


def _no_map_reason(facilities) -> str:
    """Why a page with facilities shows no map, said instead of leaving the space empty ("" when it shows one)."""
    facilities = list(facilities)
    if not facilities or any(f.has_location for f in facilities):
        return ""
    if all(f.address_hidden for f in facilities):
        return _("There is no map: the addresses are not published (for example, to protect the people who "
                 "live there).")
    return _("There is no map: the registry gives no location for these facilities. Their addresses are "
             "listed below.")


def _map(facilities, name: str) -> dict | None:
    """What static/js/map.js needs to draw the facilities, or None when none may be shown on a map."""
    if not any(f.has_location for f in facilities):
        return None
    return {"label": _("Map of the facilities of %(name)s") % {"name": name},
            "tiles_url": settings.MAP_TILES_URL, "attribution": settings.MAP_ATTRIBUTION}


def address_line(address: str, postcode: str, town: str) -> str:
    """ "Komenského 12, 272 01 Kladno" from the parts, whether or not the stored address already names the
    postcode or the town (the registry's addresses differ)."""
    address = address.strip().rstrip(",")
    postcode = postcode.strip()
    if len(postcode) == 5 and postcode.isdigit():  # PSČ is written "272 01"
        postcode = f"{postcode[:3]} {postcode[3:]}"
    has_postcode = bool(postcode) and postcode.replace(" ", "") in address.replace(" ", "")
    has_town = bool(town) and re.search(rf"\b{re.escape(town)}\b", address) is not None
    if has_town and (has_postcode or not postcode):
        return address
    if has_town and not address.endswith(town):
        return ", ".join(part for part in (address, postcode) if part)
    if has_town:
        address = address.removesuffix(town).rstrip(" ,")
    place = " ".join(part for part in ("" if has_postcode else postcode, town) if part)
    return ", ".join(part for part in (address, place) if part)


def contact_rows(owner, *, fallback=None) -> list[dict]:
    """Phone, e-mail and web of `owner`, each one falling back to `fallback`'s (the provider's)."""
    rows = []
    for field, label in (("phone", _("Phone")), ("email", _("E-mail")), ("web", _("Web"))):
        value = getattr(owner, field)
        from_fallback = not value and fallback is not None
        if from_fallback:
            value = getattr(fallback, field)
        if value:
            rows.append({"kind": field, "label": label, "value": value, "href": _contact_href(field, value),
                         "from_fallback": from_fallback})
    return rows


def _contact_href(kind: str, value: str) -> str:
    """A link only where it is safe and certain: one phone number, an e-mail, an http(s) address."""
    if kind == "phone" and re.fullmatch(r"\+?[\d ]{6,20}", value.strip()):
        return "tel:" + value.replace(" ", "")
    if kind == "email" and "@" in value and " " not in value.strip():
        return f"mailto:{value.strip()}"
    if kind == "web" and value.startswith(("https://", "http://")):
        return value
    return ""


# --- Capacity history and provenance ----------------------------------------------------------------


def history_start(today: dt.date) -> dt.date:
    """The first day of the history's time axis: the first of the month HISTORY_MONTHS months ago. The view
    loads the capacity reports since then for service_page."""
    return _months_before(today, HISTORY_MONTHS)


def _months_before(day: dt.date, months: int) -> dt.date:
    """The first day of the month `months` months before `day`."""
    index = day.year * 12 + day.month - 1 - months
    return dt.date(index // 12, index % 12 + 1, 1)


def _line_label(form: str, unit: str) -> str:
    """ "Residential (pobytová), beds": one form × unit line of capacity."""
    return capfirst(f"{FORMS.get(form, form)}, {UNITS.get(unit, unit)}")


@dataclass
class History:
    free_places: SafeString
    waiting_list: SafeString | None
    reports: list  # (report, line label), newest first, for the table


def _history(reports, capacities, since: dt.date, today: dt.date) -> History | None:
    """The charts (free places; waiting list when anyone waits) and table of the last HISTORY_MONTHS."""
    if not reports:
        return None
    order = {(c.form, c.unit): position for position, c in enumerate(capacities)}
    keys = sorted({(r.form, r.unit) for r in reports}, key=lambda key: (order.get(key, len(order)), key))
    labels = {key: _line_label(*key) for key in keys}
    free = [charts.Series(labels[key], [(r.as_of, r.free_places) for r in reports if (r.form, r.unit) == key])
            for key in keys]
    waiting = [charts.Series(labels[key], [(r.as_of, r.waiting_list) for r in reports
                                           if (r.form, r.unit) == key]) for key in keys]
    axes = {"start": since, "end": today, "x_label": _("Date of the report")}
    return History(
        free_places=charts.line_chart(free, chart_id="chart-free-places", y_label=_("Free places"),
                                      title=_("Free places over the last 24 months"), **axes),
        waiting_list=charts.line_chart(waiting, chart_id="chart-waiting-list", y_label=_("People waiting"),
                                       title=_("Waiting list over the last 24 months"), **axes)
        if any(r.waiting_list for r in reports) else None,
        reports=[(r, labels[(r.form, r.unit)]) for r in reversed(reports)],
    )


def _provenance(reports, capacities) -> dict | None:
    """Who stands behind the current figures: the day the provider last reported them (reports with an
    author) and the day the region verified them (only when every current line's report is verified).
    Read from the history already loaded (the newest report of each line), so it costs no query."""
    newest = {}
    for report in reports:  # oldest first: the last one of each line wins
        newest[(report.form, report.unit)] = report
    current = [newest[(c.form, c.unit)] for c in capacities
               if c.reported_at is not None and newest.get((c.form, c.unit)) is not None
               and newest[(c.form, c.unit)].as_of == c.reported_at]
    if not current:
        return None
    by_provider = [report.as_of for report in current if report.reported_by_id is not None]
    verified = [report.verified_at for report in current]
    return {"reported_on": max(by_provider) if by_provider else None,
            "verified_on": timezone.localdate(max(verified)) if all(verified) else None}


# --- JSON-LD ----------------------------------------------------------------------------------------


def json_ld(data: dict) -> SafeString:
    """JSON for a <script type="application/ld+json">, escaped like Django's json_script: no "<", ">" or
    "&" survives, so no text from the registry can close the script element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate({ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}))


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _without_empty(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def _service_data(service) -> dict:
    """schema.org Service; facilities with a hidden address are left out entirely."""
    places = [_without_empty({
        "@type": "Place", "name": f.name,
        "address": _without_empty({"@type": "PostalAddress", "streetAddress": f.address, "postalCode": f.postcode,
                                   "addressLocality": f.obec.name if f.obec else "", "addressCountry": "CZ"}),
        "geo": {"@type": "GeoCoordinates", "latitude": f.latitude, "longitude": f.longitude} if f.has_location else {},
    }) for f in service.facilities.all() if not f.address_hidden]
    areas = [*service.served_kraje.all(), *service.served_orps.all(), *service.served_obce.all()]
    return _without_empty({
        "@context": "https://schema.org",
        "@type": "Service",
        "name": service.name,
        "url": _absolute(service.get_absolute_url()),
        "identifier": service.registry_id,
        "serviceType": service.service_type.name,
        "category": service.service_type.get_group_display(),
        "description": service.description,
        "provider": _provider_data(service.provider),
        "areaServed": [{"@type": "AdministrativeArea", "name": area.name} for area in areas],
        "audience": [{"@type": "Audience", "audienceType": group.name} for group in service.target_groups.all()],
        "availableChannel": [{"@type": "ServiceChannel", "serviceLocation": place} for place in places],
        "email": service.email,
        "telephone": service.phone,
    })


def _provider_data(provider) -> dict:
    """schema.org Organization (the public contacts of the organisation, never its statutory bodies)."""
    return _without_empty({
        "@type": "Organization",
        "name": provider.name,
        "url": _absolute(provider.get_absolute_url()),
        "identifier": {"@type": "PropertyValue", "propertyID": "IČO", "value": provider.ico},
        "address": provider.address,
        "email": provider.email,
        "telephone": provider.phone,
        "sameAs": provider.web if provider.web.startswith(("https://", "http://")) else "",
    })
