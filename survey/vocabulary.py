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
    """How a response reached us."""

    WEB = "web"
    PAPER = "paper"
    IMPORT = "import"
    BOT = "bot"


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
