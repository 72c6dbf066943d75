"""The database: typed SQLAlchemy 2 models.

Every record belongs to one partnership. Answers are stored one row per part (see
``survey.answers``), so every tally is a SQL aggregate over typed columns. The models live in
modules by subject; importing this package loads them all, so ``Base.metadata`` is the whole schema.
"""

from survey.storage.models.base import NAMING_CONVENTION, Base
from survey.storage.models.core import (
    Answer,
    AuditEvent,
    Consultation,
    Definition,
    ImportFingerprint,
    Officer,
    Partnership,
    Response,
    SafeHaven,
    SavedProgress,
)
from survey.storage.models.loop import (
    AlertAddress,
    CheckFailure,
    ConversationKeySeed,
    ConversationState,
    HeldUrgentMessage,
    Notification,
    ReportNote,
    ResultsPublication,
    YouSaidWeDid,
)
from survey.storage.models.plans import ActionUpdate, PlanAction, PlanPriority
from survey.storage.models.postcodes import Postcode
from survey.storage.models.retention import RetentionPolicy, RetentionRun
from survey.storage.models.security import OfficerTwoFactor, PartnershipSecurity, RecoveryCode
from survey.storage.models.services import LocalService
from survey.storage.models.sharing import ExportLink, SharedConsultation, SharingAgreement
from survey.storage.models.tallies import TallyDay, TallyDelta, TallyTotal
from survey.storage.models.tensions import RiskEvent, TensionEntry
from survey.storage.models.wards import Ward

__all__ = [
    "ActionUpdate",
    "PlanAction",
    "PlanPriority",
    "Postcode",
    "AlertAddress",
    "Answer",
    "AuditEvent",
    "Base",
    "CheckFailure",
    "Consultation",
    "ConversationKeySeed",
    "ConversationState",
    "Definition",
    "ExportLink",
    "HeldUrgentMessage",
    "ImportFingerprint",
    "LocalService",
    "NAMING_CONVENTION",
    "Notification",
    "Officer",
    "OfficerTwoFactor",
    "Partnership",
    "PartnershipSecurity",
    "ReportNote",
    "RecoveryCode",
    "Response",
    "ResultsPublication",
    "RetentionPolicy",
    "RetentionRun",
    "RiskEvent",
    "SafeHaven",
    "SavedProgress",
    "SharedConsultation",
    "SharingAgreement",
    "TallyDay",
    "TallyDelta",
    "TallyTotal",
    "TensionEntry",
    "Ward",
    "YouSaidWeDid",
]
