"""Conversation state, under a key the channel gives (never who the person is).

Nothing here ever holds a chat id, user id, username or name: a channel adapter hands over an
opaque :class:`ConversationKey` (the Telegram adapter's is a keyed hash of the chat id, see
``bot/chat_keys.py``). Where conversations are kept between turns, and for how long, is
:mod:`survey.conversations.store`'s business.

During a key rotation a conversation found under the previous key moves to the new one, so someone
halfway through a report is not thrown out at the moment the key changes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from survey.answers import Answer
from survey.conversations.messages import Reply
from survey.languages import SOURCE

Clock = Callable[[], float]


@dataclass(frozen=True)
class ConversationKey:
    """Where a conversation is kept: the channel's current key, and the one before a rotation."""

    current: str
    previous: str | None = None


@dataclass
class HeldWords:
    """Words of danger said in this conversation and not yet carried by a sent report.

    ``key`` is made up at random when the first words are held: the held message in the database is
    found by it, and nothing links it to the channel's key or to who the person is.
    """

    key: str
    texts: list[str] = field(default_factory=list)


TRANSCRIPT_LIMIT = 40
"""The most lines a conversation's transcript keeps (the oldest go first)."""


@dataclass(frozen=True)
class Said:
    """One line of a chat's transcript: ``by`` is ``"person"`` or ``"us"``."""

    by: str
    text: str


@dataclass
class Conversation:
    """Where one person is in a conversation. ``turn`` counts keyboards sent, so an old button is spotted."""

    flow: str | None = None
    step: str | None = None
    consultation_id: int | None = None
    answers: dict[str, Answer] = field(default_factory=dict)
    chosen: list[str] = field(default_factory=list)  # options ticked on a multiple-choice keyboard
    extra: dict[str, Any] = field(default_factory=dict)  # small per-flow values (help topic, ...)
    risks: set[str] = field(default_factory=set)  # urgent-risk categories seen in this report
    held: HeldWords | None = None  # kept across reports and the menu until passed on or sent
    turn: int = 0
    last_seen: float = 0.0
    last_update_key: str | None = None
    last_replies: list[Reply] = field(default_factory=list)
    language: str | None = None
    """The language the person reads (a :data:`survey.languages.CODES` code), chosen with ``/language`` or
    taken from the channel when the chat starts; ``None`` until then, which reads as English. Kept for
    this conversation only: ``reset`` keeps it, ``/forget`` drops it with everything else."""
    transcript: list[Said] | None = None
    """The chat so far, for a channel that shows it again on every page (the web chat); ``None`` in a
    channel whose app keeps its own (Telegram). Kept with the conversation, so it goes when it goes."""

    @property
    def speaks(self) -> str:
        """The code of the language every message of this conversation is written in."""
        return self.language or SOURCE

    def reset(self) -> None:
        """Back to the menu: every answer and choice dropped (the replay guard and held words are kept)."""
        self.flow = self.step = None
        self.consultation_id = None
        self.answers, self.chosen = {}, []
        self.extra, self.risks = {}, set()


def add_to_transcript(conversation: Conversation, said: str | None, replies: list[Reply]) -> None:
    """Add what the person did (``said``, already shown as it may be shown) and the replies to it."""
    lines = conversation.transcript if conversation.transcript is not None else []
    if said is not None:
        lines.append(Said("person", said))
    for reply in replies:
        if reply.replace_previous and lines and lines[-1].by == "us":
            lines[-1] = Said("us", reply.text)
        else:
            lines.append(Said("us", reply.text))
    conversation.transcript = lines[-TRANSCRIPT_LIMIT:]
