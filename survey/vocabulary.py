"""The shared vocabularies of Safer Voices: roles, kinds of definition, consultation statuses and
channels. Storage, the runner, the web app and the bot all import them from here; this module imports
nothing of the project, so it can never be part of a cycle."""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    """What an officer may do. Each role can do everything the roles below it can."""

    VIEWER = "viewer"
    ANALYST = "analyst"
    ADMIN = "admin"

    @property
    def level(self) -> int:
        return list(Role).index(self)

    def allows(self, needed: Role) -> bool:
        return self.level >= needed.level


class DefinitionKind(enum.StrEnum):
    CONSULTATION = "consultation"
    PLACE_REPORT = "place_report"
    WORRY = "worry"


class ConsultationStatus(enum.StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class Channel(enum.StrEnum):
    """How a response reached us. ``bot`` is the Telegram chat, ``chat`` the chat on the website; a
    conversation knows its chat as a ``survey.conversations.messages.ChatChannel``, which says which
    of these its reports are recorded as."""

    WEB = "web"
    PAPER = "paper"
    IMPORT = "import"
    BOT = "bot"
    CHAT = "chat"

    @property
    def label(self) -> str:
        """How officers see it: in the report lists and pages, their filters and the results."""
        return {
            "web": "Website",
            "paper": "Paper",
            "import": "Imported",
            "bot": "Telegram chat",
            "chat": "Website chat",
        }[self.value]


class ReportStatus(enum.StrEnum):
    """Where an officer has got to with a place report or a worry (and any urgent response)."""

    NEW = "new"
    REVIEWING = "reviewing"
    ACTIONED = "actioned"
    CLOSED = "closed"


class NotificationKind(enum.StrEnum):
    """What the background worker sends to officers. Never anything of a report's content."""

    URGENT_ALERT = "urgent_alert"
    DAILY_DIGEST = "daily_digest"


class NotificationStatus(enum.StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"


class ActionStatus(enum.StrEnum):
    """Where a "You said, we did" action stands, as the public reads it."""

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"

    @property
    def label(self) -> str:
        return {"planned": "Planned", "in_progress": "In progress", "done": "Done"}[self.value]


class RagStatus(enum.StrEnum):
    """How an action of a partnership's action plan stands: red, amber, green (RAG) or complete."""

    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    COMPLETE = "complete"

    @property
    def label(self) -> str:
        return {"red": "Red", "amber": "Amber", "green": "Green", "complete": "Complete"}[self.value]
class TensionCategory(enum.StrEnum):
    """What a community tension entry is about."""

    HATE_INCIDENTS = "hate_incidents"
    PROTEST = "protest"
    GROUP_CONFLICT = "group_conflict"
    ANTI_SOCIAL_BEHAVIOUR = "anti_social_behaviour"
    SERIOUS_VIOLENCE = "serious_violence"
    ONLINE_RUMOUR = "online_rumour"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "hate_incidents": "Hate incidents",
            "protest": "Protest or demonstration",
            "group_conflict": "Group or gang conflict",
            "anti_social_behaviour": "Anti-social behaviour",
            "serious_violence": "Serious violence and its aftermath",
            "online_rumour": "Online rumour",
            "other": "Other",
        }[self.value]


class TensionLevel(enum.StrEnum):
    """How high a community tension stands, lowest first (``rank`` orders them)."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return list(TensionLevel).index(self)

    @property
    def label(self) -> str:
        return self.value.capitalize()


class TensionStatus(enum.StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class EventType(enum.StrEnum):
    """Kinds of planned event or period that can raise the risk of violence or disorder."""

    HALLOWEEN_BONFIRE = "halloween_bonfire"
    SCHOOL_HOLIDAYS = "school_holidays"
    EXAM_RESULTS = "exam_results"
    FOOTBALL = "football"
    FESTIVAL = "festival"
    PROTEST = "protest"
    OTHER = "other"

    @property
    def label(self) -> str:
        return {
            "halloween_bonfire": "Halloween and bonfire night",
            "school_holidays": "School holidays",
            "exam_results": "Exam results day",
            "football": "Football fixture",
            "festival": "Festival",
            "protest": "Protest",
            "other": "Other",
        }[self.value]


class RiskRating(enum.StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class EventStatus(enum.StrEnum):
    PLANNED = "planned"
    ACTIVE = "active"
    DONE = "done"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return self.value.capitalize()


class LawfulBasis(enum.StrEnum):
    """The UK GDPR Article 6(1) lawful bases a data sharing agreement may rest on."""

    CONSENT = "consent"
    CONTRACT = "contract"
    LEGAL_OBLIGATION = "legal_obligation"
    VITAL_INTERESTS = "vital_interests"
    PUBLIC_TASK = "public_task"
    LEGITIMATE_INTERESTS = "legitimate_interests"

    @property
    def label(self) -> str:
        return {
            "consent": "Consent (Article 6(1)(a))",
            "contract": "Contract (Article 6(1)(b))",
            "legal_obligation": "Legal obligation (Article 6(1)(c))",
            "vital_interests": "Vital interests (Article 6(1)(d))",
            "public_task": "Public task (Article 6(1)(e))",
            "legitimate_interests": "Legitimate interests (Article 6(1)(f))",
        }[self.value]


class SharedExport(enum.StrEnum):
    """What a download link for an agency outside the installation gives."""

    FIGURES_CSV = "figures_csv"
    PLACES_CSV = "places_csv"
    PLACES_GEOJSON = "places_geojson"

    @property
    def label(self) -> str:
        return {
            "figures_csv": "A consultation's published figures (CSV)",
            "places_csv": "Place reports in an area (CSV)",
            "places_geojson": "Place reports in an area (GeoJSON, for GIS)",
        }[self.value]
