"""What a flow works with: one turn's :class:`Context`, and the :class:`Flow` protocol every flow follows.

The flows import this module and the engine imports the flows; nothing here imports a flow or the
engine, so the dependencies run one way: engine -> flows -> context -> state, messages, texts.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.orm import Session

from survey.consultations import accepting_consultations, definition_of
from survey.conversations import texts
from survey.conversations.menu import menu_reply
from survey.conversations.messages import Button, ChatChannel, Incoming, Reply
from survey.conversations.state import Conversation, ConversationKey
from survey.definitions.definition import Definition
from survey.languages import SOURCE, translate
from survey.partnerships import site_partnership
from survey.responses.held import DEFAULT_WAIT
from survey.runner.step import AnswerContext, answer_context
from survey.signposting.local_services import partnership_directory
from survey.signposting.services import ServicesDirectory
from survey.storage.models import Consultation
from survey.vocabulary import DefinitionKind

PARTNERSHIP_CACHE_SECONDS = 60.0
SessionOpener = Callable[[], Session]


@dataclass(frozen=True)
class PartnershipInfo:
    """The partnership a conversation serves, as the flows need it (no database object kept)."""

    id: int
    name: str
    directory: ServicesDirectory
    answer_context: AnswerContext


class Lookups:
    """The partnership and the definitions conversations use, cached across turns and people."""

    def __init__(self, partnership_slug: str | None = None, *, clock: Callable[[], float] = time.monotonic
                 ) -> None:
        self.partnership_slug = partnership_slug
        self._clock = clock
        self._partnership: tuple[float, PartnershipInfo | None] | None = None
        self._definitions: dict[int, Definition] = {}

    def partnership(self, session: SessionOpener) -> PartnershipInfo | None:
        """The partnership served, looked up at most once a minute (services edits show soon)."""
        now = self._clock()
        if self._partnership is None or now - self._partnership[0] > PARTNERSHIP_CACHE_SECONDS:
            found = site_partnership(session(), self.partnership_slug)
            info = None
            if found is not None:
                directory, context = partnership_directory(found), answer_context(found)
                info = PartnershipInfo(found.id, found.name, directory, context)
            self._partnership = (now, info)
        return self._partnership[1]

    def definition(self, session: SessionOpener, consultation_id: int, language: str = SOURCE) -> Definition:
        """A consultation's definition, its texts in ``language``. It never changes (a new version is a
        new definition row), so most turns need no database at all."""
        if consultation_id not in self._definitions:
            consultation = session().get_one(Consultation, consultation_id)
            self._definitions[consultation_id] = definition_of(consultation)
        return self._definitions[consultation_id].in_language(language)  # kept with the definition


class Context:
    """One turn: the conversation, the incoming message and a database session opened on first use."""

    def __init__(self, lookups: Lookups, session_factory: SessionOpener, conversation: Conversation,
                 incoming: Incoming, *, key: ConversationKey | None = None,
                 held_wait: dt.timedelta = DEFAULT_WAIT, channel: ChatChannel = ChatChannel.TELEGRAM) -> None:
        self.lookups = lookups
        self.channel = channel
        """The chat this turn came from (a few texts differ; a report records where it came from)."""
        self.conversation = conversation
        self.incoming = incoming
        self.key = key
        """The channel's opaque key of this conversation (for limits kept beyond ``/forget``)."""
        self.held_wait = held_wait
        """How long the chat may be quiet before held words of danger are passed on."""
        self._session_factory = session_factory
        self._session: Session | None = None
        self._new_turn = False

    def session(self) -> Session:
        """The turn's database session, opened the first time it is needed."""
        if self._session is None:
            self._session = self._session_factory()
        return self._session

    def commit(self) -> None:
        """Commit the turn's database work, if it opened a session (the store calls this on save)."""
        if self._session is not None:
            self._session.commit()

    def close(self, *, ok: bool) -> None:
        """Commit (or roll back, when the turn failed) and close the session, if one was opened."""
        if self._session is None:
            return
        try:
            if ok:
                self._session.commit()
            else:
                self._session.rollback()
        finally:
            self._session.close()
            self._session = None

    def button(self, label: str, action: str) -> Button:
        """A button that works only until the next keyboard is sent (older ones are spotted as old).
        ``label`` is an English source text or a definition's words: it is shown in the conversation's
        language (:meth:`words`)."""
        if not self._new_turn:
            self.conversation.turn += 1
            self._new_turn = True
        return Button(self.words(label), f"{self.conversation.turn}:{action}")

    @property
    def partnership(self) -> PartnershipInfo | None:
        """The partnership served, or ``None`` when the service is not set up."""
        return self.lookups.partnership(self.session)

    def form(self, kind: DefinitionKind) -> tuple[int, Definition] | None:
        """The open consultation of ``kind`` and its definition, or ``None`` when there is none."""
        info = self.partnership
        if info is None:
            return None
        found = accepting_consultations(self.session(), info.id, kind=kind)
        return (found[0].id, self.definition(found[0].id)) if found else None

    def definition(self, consultation_id: int) -> Definition:
        """The definition of a consultation (cached), its texts in the conversation's language."""
        return self.lookups.definition(self.session, consultation_id, self.language)

    @property
    def language(self) -> str:
        """The code of the language this conversation is in (English until one is chosen)."""
        return self.conversation.speaks

    def t(self, text: str, **values: object) -> str:
        """One of :mod:`~survey.conversations.texts` (or any English source text) in the conversation's
        language, its ``{placeholders}`` filled."""
        translated = translate(text, self.language)  # filled here: a text may have a {code} of its own
        return translated.format(**values) if values else translated

    def words(self, text: str) -> str:
        """A definition's own words (a question, a hint, an option's label) in the conversation's language.

        The one seam between a consultation's definition and the chat's language: definitions are
        translated through the same catalogue when their texts are marked for translation; a text that
        is not in the catalogue is shown as written."""
        return translate(text, self.language) if text else text

    def menu(self, text: str = texts.MENU) -> Reply:
        """The menu, under ``text`` (an English source text, shown in the conversation's language)."""
        return menu_reply(self.t(text), self.language)

    def finish(self, *replies: Reply) -> list[Reply]:
        """End the flow and show the menu again."""
        self.conversation.reset()
        return [*replies, self.menu()]


class Flow(Protocol):
    """One conversation the menu starts. Each method answers one turn with the replies to send."""

    def start(self, ctx: Context) -> list[Reply]: ...
    def on_button(self, ctx: Context, action: str) -> list[Reply]: ...
    def on_text(self, ctx: Context, text: str) -> list[Reply]: ...
    def on_location(self, ctx: Context, latitude: float, longitude: float) -> list[Reply]: ...
    def current(self, ctx: Context) -> list[Reply]: ...
