"""The kraj's network of services, the minimal network, efficiency figures, quality audits and the quality
standards codelist (split by feature)."""

from .audits import Audit, CorrectiveAction, StandardResult
from .efficiency import AnnualFigures, DisclosureSettings, UnitKind
from .membership import FinancingCategory, NetworkChange, NetworkMembership
from .minimal import AgeBand, MinimalNetworkNorm, OrpPopulation, ServiceTypeGroup
from .quality import QualityCriterion, QualityStandard

__all__ = [
    "AgeBand", "AnnualFigures", "Audit", "CorrectiveAction", "DisclosureSettings", "FinancingCategory",
    "MinimalNetworkNorm", "NetworkChange", "NetworkMembership", "OrpPopulation", "QualityCriterion",
    "QualityStandard", "ServiceTypeGroup", "StandardResult", "UnitKind",
]

# simple-history gives the historical models of a models package the app's top module ("network"), which does
# not define them: they belong here (as in services/models/__init__.py).
for _model in (Audit, CorrectiveAction, StandardResult, AnnualFigures, DisclosureSettings, NetworkChange,
               NetworkMembership, MinimalNetworkNorm, OrpPopulation, ServiceTypeGroup, QualityCriterion,
               QualityStandard):
    globals()[_model.history.model.__name__] = _model.history.model
    _model.history.model.__module__ = __name__
del _model
