"""Education, supervision and managed self-assessment (split by feature): the catalogue with terms and
certificates, statutory hours, supervision, and self-assessment with development plans."""

from .catalogue import Certificate, Programme, Term, TermRegistration
from .codelists import Role, Topic
from .quality import (
    RATING_SCORE,
    Consultation,
    CriterionRating,
    DevelopmentAction,
    Methodologist,
    Rating,
    RoundError,
    SelfAssessmentRound,
)
from .records import OwnRecord, PlannedEducation, ProviderWorker
from .supervision import SupervisionKind, SupervisionSession, Supervisor

__all__ = [
    "RATING_SCORE", "Certificate", "Consultation", "CriterionRating", "DevelopmentAction", "Methodologist",
    "OwnRecord", "PlannedEducation", "Programme", "ProviderWorker", "Rating", "Role", "RoundError",
    "SelfAssessmentRound", "SupervisionKind", "SupervisionSession", "Supervisor", "Term", "TermRegistration", "Topic",
]

# simple-history gives the historical models of a models package the app's top module ("education"), which does
# not define them: they belong here (as in network/models/__init__.py).
for _model in (Certificate, Consultation, CriterionRating, DevelopmentAction, Methodologist, OwnRecord,
               PlannedEducation, Programme, ProviderWorker, Role, SelfAssessmentRound, SupervisionSession, Supervisor,
               Term, TermRegistration, Topic):
    globals()[_model.history.model.__name__] = _model.history.model
    _model.history.model.__module__ = __name__
del _model
