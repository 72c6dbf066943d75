"""The bot's core: one conversation turn in, replies out. Knows nothing of Telegram or terminals.

State diagram (``Conversation.flow`` / ``step``)::

    (menu) --"Report a place"--> report: <question id> ... --> check --Send--> (menu, reference given)
           --"Tell us a worry"--> worry:  <question id> ... --> check --Send--> (menu, reference given)
           --"Get help"--------> help:   topic --> age --> (services listed, menu)
           --"Safe havens"-----> havens: location --> (nearest open havens, menu)
    any step --/cancel or Cancel--> (menu)        any step --/forget--> (nothing kept)
    an expired or restarted conversation --any message--> (menu); an old button says it is old.

Every typed message is checked by :func:`survey.safeguarding.risk.assess` before anything else; when it
suggests someone is at risk, the first reply is the 999 line and the right helplines.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.orm import Session

from bot import texts
from bot.chat import Button, Incoming, InputKind, Reply, column
from bot.conversation import Conversation, ConversationKey, ConversationStore
from survey.consultations import accepting_consultations, definition_of
from survey.definitions.definition import Definition
from survey.partnerships import site_partnership
from survey.safeguarding.risk import assess, urgent_message
from survey.signposting.local_services import partnership_directory
from survey.signposting.services import ServicesDirectory
from survey.storage.models import Consultation
from survey.vocabulary import DefinitionKind

PARTNERSHIP_CACHE_SECONDS = 60.0
FREE_TEXT = (InputKind.TEXT, InputKind.EDITED, InputKind.UNSUPPORTED)  # a photo's caption is text too


@dataclass(frozen=True)
class PartnershipInfo:
    id: int
    name: str
    directory: ServicesDirectory


class Flow(Protocol):
    def start(self, ctx: Context) -> list[Reply]: ...
    def on_button(self, ctx: Context, action: str) -> list[Reply]: ...
    def on_text(self, ctx: Context, text: str) -> list[Reply]: ...
    def on_location(self, ctx: Context, latitude: float, longitude: float) -> list[Reply]: ...
    def current(self, ctx: Context) -> list[Reply]: ...


class Context:
    """One turn: the conversation, the incoming message and a database session opened on first use."""

    def __init__(self, core: BotCore, conversation: Conversation, incoming: Incoming) -> None:
        self.core = core
        self.conversation = conversation
        self.incoming = incoming
        self._session: Session | None = None
        self._new_turn = False

    def session(self) -> Session:
        if self._session is None:
            self._session = self.core.session_factory()
        return self._session

    def close(self, *, ok: bool) -> None:
        if self._session is None:
            return
        try:
            if ok:
                self._session.commit()
            else:
                self._session.rollback()
        finally:
            self._session.close()

    def button(self, label: str, action: str) -> Button:
        """A button that works only until the next keyboard is sent (older ones are spotted as old)."""
        if not self._new_turn:
            self.conversation.turn += 1
            self._new_turn = True
        return Button(label, f"{self.conversation.turn}:{action}")

    @property
    def partnership(self) -> PartnershipInfo | None:
        return self.core.partnership(self.session)

    def form(self, kind: DefinitionKind) -> tuple[int, Definition] | None:
        info = self.partnership
        if info is None:
            return None
        found = accepting_consultations(self.session(), info.id, kind=kind)
        return (found[0].id, self.definition(found[0].id)) if found else None

    def definition(self, consultation_id: int) -> Definition:
        return self.core.definition(self.session, consultation_id)

    def menu(self, text: str = texts.MENU) -> Reply:
        return menu_reply(text)

    def finish(self, *replies: Reply) -> list[Reply]:
        """End the flow and show the menu again."""
        self.conversation.reset()
        return [*replies, self.menu()]


def menu_reply(text: str = texts.MENU) -> Reply:
    # Menu buttons carry no turn: pressing one on an old message simply starts that flow.
    return Reply(text, column(
        Button(texts.MENU_REPORT, "m:report"), Button(texts.MENU_WORRY, "m:worry"),
        Button(texts.MENU_HELP, "m:help"), Button(texts.MENU_HAVENS, "m:havens"),
    ))


class BotCore:
    """Runs conversations for one partnership over any channel."""

    def __init__(
        self,
        session_factory: Callable[[], Session],
        *,
        partnership_slug: str | None = None,
        store: ConversationStore | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        from bot.flows import all_flows  # the flows import Context from here

        self.session_factory = session_factory
        self.partnership_slug = partnership_slug
        self.store = store or ConversationStore()
        self.flows: dict[str, Flow] = all_flows()
        self._clock = clock
        self._partnership: tuple[float, PartnershipInfo | None] | None = None
        self._definitions: dict[int, Definition] = {}

    def partnership(self, session: Callable[[], Session]) -> PartnershipInfo | None:
        """The partnership this bot serves, looked up at most once a minute (services edits show soon)."""
        now = self._clock()
        if self._partnership is None or now - self._partnership[0] > PARTNERSHIP_CACHE_SECONDS:
            found = site_partnership(session(), self.partnership_slug)
            info = PartnershipInfo(found.id, found.name, partnership_directory(found)) if found else None
            self._partnership = (now, info)
        return self._partnership[1]

    def definition(self, session: Callable[[], Session], consultation_id: int) -> Definition:
        # A consultation's definition never changes (a new version is a new definition row), so most
        # turns need no database at all.
        if consultation_id not in self._definitions:
            consultation = session().get_one(Consultation, consultation_id)
            self._definitions[consultation_id] = definition_of(consultation)
        return self._definitions[consultation_id]

    def handle(self, key: ConversationKey, incoming: Incoming) -> list[Reply]:
        """Everything to send back for one incoming message, urgent help first."""
        conversation = self.store.get(key)
        if incoming.update_key is not None and incoming.update_key == conversation.last_update_key:
            return list(conversation.last_replies)  # the same update delivered again
        if incoming.kind is InputKind.COMMAND and incoming.text == "forget":
            self.store.forget(key)
            return [Reply(texts.FORGOTTEN)]
        ctx = Context(self, conversation, incoming)
        ok = False
        try:
            replies = self._safeguarding(ctx) + self._dispatch(ctx)
            ok = True
        finally:
            ctx.close(ok=ok)
        conversation.last_update_key = incoming.update_key
        conversation.last_replies = replies
        return replies

    def _safeguarding(self, ctx: Context) -> list[Reply]:
        incoming = ctx.incoming
        if incoming.kind not in FREE_TEXT or not incoming.text.strip():
            return []
        assessment = assess(incoming.text)
        if not assessment.urgent:
            return []
        ctx.conversation.risks |= {category.value for category in assessment.categories}
        info = ctx.partnership
        directory = info.directory if info else partnership_directory(None)
        return [Reply(urgent_message(assessment, directory))]

    def _dispatch(self, ctx: Context) -> list[Reply]:
        incoming, conversation = ctx.incoming, ctx.conversation
        flow = self.flows.get(conversation.flow or "")
        match incoming.kind:
            case InputKind.COMMAND:
                return self._command(ctx, incoming.text)
            case InputKind.EDITED:
                return [Reply(texts.EDITED)]
            case InputKind.UNSUPPORTED:
                return [Reply(texts.UNSUPPORTED)]
            case InputKind.BUTTON:
                return self._button(ctx, incoming.text, flow)
            case InputKind.LOCATION if flow is not None:
                return flow.on_location(ctx, incoming.latitude or 0.0, incoming.longitude or 0.0)
            case InputKind.TEXT if flow is not None:
                return flow.on_text(ctx, incoming.text)
        return [ctx.menu()]

    def _command(self, ctx: Context, command: str) -> list[Reply]:
        if self.partnership(ctx.session) is None:
            return [Reply(texts.NOT_SET_UP)]
        match command:
            case "start":
                ctx.conversation.reset()
                info = self.partnership(ctx.session)
                return [Reply(texts.WELCOME.format(name=info.name if info else "us")), ctx.menu()]
            case "help":
                return [Reply(texts.HELP), *self._resume(ctx)]
            case "cancel":
                return ctx.finish(Reply(texts.CANCELLED))
        return [Reply(texts.UNKNOWN_COMMAND), *self._resume(ctx)]

    def _button(self, ctx: Context, action: str, flow: Flow | None) -> list[Reply]:
        if action.startswith("m:"):
            chosen = self.flows.get(action[2:])
            if chosen is None:
                return [Reply(texts.STALE_BUTTON), ctx.menu()]
            if self.partnership(ctx.session) is None:
                return [Reply(texts.NOT_SET_UP)]
            ctx.conversation.reset()
            ctx.conversation.flow = action[2:]
            return chosen.start(ctx)
        turn, _, rest = action.partition(":")
        if flow is None or turn != str(ctx.conversation.turn):
            return [Reply(texts.STALE_BUTTON), *self._resume(ctx)]
        if rest == "cancel":
            return ctx.finish(Reply(texts.CANCELLED))
        return flow.on_button(ctx, rest)

    def _resume(self, ctx: Context) -> list[Reply]:
        flow = self.flows.get(ctx.conversation.flow or "")
        return flow.current(ctx) if flow is not None else [ctx.menu()]
