"""The registry: providers, their services, facilities, registered capacities and reported free places.

Shaped after the national registry (MPSV `rpss.json`, see ../shared/DOMAIN.md): a *service* is the
registered unit (one `identifikator`), provided by a *provider* (IČO) in one or more *forms*
(ambulantní / pobytová / terénní) at *facilities*. The registered maximum capacity is per service × form ×
unit (never per facility: summing over facilities double-counts). Free places and waiting lists are what
the national registry lacks: every report is kept as history and the newest one is "now".

Import from `services.models`, not from its modules:

- `codelists`: forms, capacity units, service groups and the MPSV codelists
- `registry`: providers, services, their forms, facilities and registered capacities
- `capacity`: capacity reports (free places, waiting lists) and minimal network targets
- `corrections`: errors in a record reported by the public
- `imports`: runs of the registry import
- `people`: provider staff, reminders to report, saved searches
"""

from .capacity import CapacityReport, CapacityReportQuerySet, NetworkTarget, record_daily_reports
from .codelists import AgeGroup, CapacityUnit, Codelist, Form, ServiceGroup, ServiceType, TargetGroup
from .corrections import RecordCorrection
from .imports import ImportRun, ImportRunQuerySet
from .people import CapacityReminder, ProviderStaff, ProviderStaffQuerySet, SavedSearch
from .registry import (Facility, Provider, ProviderQuerySet, RegisteredCapacity, Service, ServiceForm,
                       ServiceQuerySet, mark_locally_edited, outdated_before, validate_ico)

# simple-history gives the historical models of a models package the app's top module ("services"), which does
# not define them: they belong here, where they were when the models were one module.
HistoricalCapacityReport = CapacityReport.history.model
HistoricalNetworkTarget = NetworkTarget.history.model
HistoricalProvider = Provider.history.model
HistoricalRegisteredCapacity = RegisteredCapacity.history.model
HistoricalService = Service.history.model
for _history in (HistoricalCapacityReport, HistoricalNetworkTarget, HistoricalProvider,
                 HistoricalRegisteredCapacity, HistoricalService):
    _history.__module__ = __name__
del _history

__all__ = [
    # codelists
    "AgeGroup", "CapacityUnit", "Codelist", "Form", "ServiceGroup", "ServiceType", "TargetGroup",
    # registry
    "Facility", "Provider", "ProviderQuerySet", "RegisteredCapacity", "Service", "ServiceForm", "ServiceQuerySet",
    "mark_locally_edited", "outdated_before", "validate_ico",
    # capacity
    "CapacityReport", "CapacityReportQuerySet", "NetworkTarget", "record_daily_reports",
    # history (simple-history)
    "HistoricalCapacityReport", "HistoricalNetworkTarget", "HistoricalProvider", "HistoricalRegisteredCapacity",
    "HistoricalService",
    # corrections
    "RecordCorrection",
    # imports
    "ImportRun", "ImportRunQuerySet",
    # people
    "CapacityReminder", "ProviderStaff", "ProviderStaffQuerySet", "SavedSearch",
]
