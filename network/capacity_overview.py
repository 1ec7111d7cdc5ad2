"""The network's part of the registry's capacity overview (services/views/capacity.py gathers it through
core.contributions, so the registry never imports this app): the capacity in the kraj's network of this year
beside the registered capacity, by kraj (whole country) or by ORP (a kraj chosen), for the overview's filters.
Three queries (network, registered, the ORP names of a chosen kraj); one when nothing is in a network."""

from collections import defaultdict

from django.db.models import F, Q, Sum
from django.utils import timezone

from network.gaps import network_day
from network.models import NetworkMembership
from services.filters import capacity_kraje
from services.models import CapacityUnit, RegisteredCapacity
from territory.models import Orp


def capacity_overview_sections(filters: dict) -> list[dict]:
    kraj, service_types, group = filters.get("kraj"), filters.get("service_types"), filters.get("group")
    year = timezone.localdate().year
    today = timezone.localdate()
    network = NetworkMembership.objects.of_year(year).current(network_day(year))
    registered = RegisteredCapacity.objects.filter(
        (Q(service__valid_from__isnull=True) | Q(service__valid_from__lte=today))
        & (Q(service__valid_to__isnull=True) | Q(service__valid_to__gte=today)))
    if service_types:
        network = network.filter(service__service_type__in=service_types)
        registered = registered.filter(service__service_type__in=service_types)
    if group:
        network = network.filter(service__service_type__group=group)
        registered = registered.filter(service__service_type__group=group)
    if filters.get("form"):
        registered = registered.filter(form=filters["form"])
        network = network.filter(Q(form=filters["form"]) | Q(form=""))
    if kraj is not None:
        key = "service__orp"
        network = network.filter(kraj=kraj, service__orp__kraj=kraj)
        registered = registered.filter(service__orp__kraj=kraj)
        if filters.get("okres") is not None:
            network = network.filter(service__orp__okresy=filters["okres"])
            registered = registered.filter(service__orp__okresy=filters["okres"])
    else:
        key = "service__orp__kraj"
        network = network.filter(kraj=F("service__orp__kraj"))  # a kraj's network holds its own services
    rows = defaultdict(lambda: {"registered": {}, "network": {}})
    for label_key, unit, total in network.values_list(key, "unit").annotate(total=Sum("capacity")).order_by():
        if label_key is not None:
            rows[label_key]["network"][unit] = total
    if not rows:
        return []  # no network published for these filters: the overview stays as it was (one query)
    for label_key, unit, total in registered.values_list(key, "unit").annotate(total=Sum("maximum")).order_by():
        if label_key is not None:
            rows[label_key]["registered"][unit] = total
    if kraj is not None:
        names = dict(Orp.objects.filter(kraj=kraj).values_list("pk", "name"))
    else:
        names = {pk: k.name for pk, k in capacity_kraje().items()}
    units = [u for u in CapacityUnit.values if any(u in row["registered"] or u in row["network"]
                                                   for row in rows.values())]
    table = []
    for pk, row in sorted(rows.items(), key=lambda item: names.get(item[0], "")):
        cells = []
        for unit in units:
            reg, net = row["registered"].get(unit), row["network"].get(unit)
            cells.append((reg, net, net / reg if reg and net is not None else None))
        table.append({"label": names.get(pk, ""), "cells": cells})
    return [{"template": "network/capacity_overview/section.html", "rows": table, "units": units,
             "unit_labels": dict(CapacityUnit.choices), "year": year, "by_orp": kraj is not None}]

