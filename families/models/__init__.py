"""The families app's records, split by feature: categories, OSPOD workers, framework agreements, the casework
of minitendry (requests, offers, partial contracts, delivery) and the logs beside it."""

from .agreements import FrameworkAgreement
from .casework import DeliveryReport, FamiliesError, Offer, PartialContract, ServiceRequest, add_months
from .categories import Category, PriceUnit
from .logs import Notice, RequestAccess
from .people import OspodAssignment

__all__ = [
    "Category", "DeliveryReport", "FamiliesError", "FrameworkAgreement", "Notice", "Offer", "OspodAssignment",
    "PartialContract", "PriceUnit", "RequestAccess", "ServiceRequest", "add_months",
]

# simple-history gives the historical models of a models package the app's top module ("families"), which does
# not define them: they belong here (as in network/models/__init__.py).
for _model in (FrameworkAgreement, ServiceRequest, Offer, PartialContract, DeliveryReport, OspodAssignment):
    globals()[_model.history.model.__name__] = _model.history.model
    _model.history.model.__module__ = __name__
del _model
