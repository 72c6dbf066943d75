"""The conversation engine: one turn in, replies out. Knows nothing of Telegram, terminals or the web.

State diagram (``Conversation.flow`` / ``step``)::

    (menu) --"Report a place"--> report: <question id> ... --> check --Send--> (menu, reference given)
           --"Tell us a worry"--> worry:  <question id> ... --> check --Send--> (menu, reference given)
           --"Get help"--------> help:   topic --> age --> (services listed, menu)
           --"Safe havens"-----> havens: location --> (nearest open havens, menu)
           --"Check a report"--> check:  reference --> code --> found --"Withdraw"--> withdraw --> (menu)
    any step --/cancel or Cancel--> (menu)        any step --/forget--> (nothing kept)
    any step --/language or the menu's "Language" button--> the languages --one chosen--> the same step,
                                                          in that language
    an expired or restarted conversation --any message--> (menu); an old button says it is old.

Every typed message goes down the urgent-risk path (:mod:`survey.conversations.urgent`) before
anything else; then the turn goes to the flow the person is in. Words of danger are held until a
report carries them; ``/cancel`` keeps them held and ``/forget`` passes them on at once (the person
was told, when they said them, that they would be passed on if they stopped).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable

from sqlalchemy.orm import Session

from survey.conversations import menu, texts
from survey.conversations.context import Context, Flow, Lookups
from survey.conversations.form import FormFlow
from survey.conversations.havens import HavensFlow
from survey.conversations.help import HelpFlow
from survey.conversations.menu import language_reply
from survey.conversations.messages import ChatChannel, Incoming, InputKind, Reply
from survey.conversations.report_check import ReportCheckFlow, WrongCodes, typed_in_secret
from survey.conversations.state import Conversation, ConversationKey, add_to_transcript
from survey.conversations.store import ConversationStore, VersionConflict
from survey.conversations.store.memory import MemoryStore
from survey.conversations.urgent import keep_held_words_waiting, urgent_replies
from survey.languages import offered, translate
from survey.responses.held import DEFAULT_WAIT
from survey.vocabulary import DefinitionKind

TURN_ATTEMPTS = 5  # a turn that keeps losing races with the same conversation's other turns gives up


def all_flows(clock: Callable[[], float] = time.monotonic) -> dict[str, Flow]:
    """The flows the menu offers, by the name the menu's buttons carry."""
    return {
        menu.REPORT: FormFlow(DefinitionKind.PLACE_REPORT),
        menu.WORRY: FormFlow(DefinitionKind.WORRY),
        menu.HELP: HelpFlow(),
        menu.HAVENS: HavensFlow(),
        menu.CHECK: ReportCheckFlow(WrongCodes(clock=clock)),
    }


class ConversationEngine:
    """Runs conversations for one partnership over any channel."""

    def __init__(
        self,
        session_factory: Callable[[], Session],
        *,
        partnership_slug: str | None = None,
        store: ConversationStore | None = None,
        clock: Callable[[], float] = time.monotonic,
        held_wait: dt.timedelta = DEFAULT_WAIT,
        channel: ChatChannel = ChatChannel.TELEGRAM,
    ) -> None:
        self.session_factory = session_factory
        self.channel = channel
        """The chat this engine serves: the Telegram bot and the web chat each run their own engine."""
        self.store: ConversationStore = store if store is not None else MemoryStore()
        """Where conversations are kept: the shared store (``open_store``) in the bot; memory in tests."""
        self.lookups = Lookups(partnership_slug, clock=clock)
        self.flows = all_flows(clock)
        self.held_wait = held_wait
        """How long a chat may be quiet before words of danger said in it are passed on."""

    def handle(self, key: ConversationKey, incoming: Incoming, *, transcript: bool = False) -> list[Reply]:
        """Everything to send back for one incoming message, urgent help first. The turn and the
        conversation's new state are committed when this returns; a turn that loses a race with another
        turn of the same conversation is undone and run again on the newer state. With ``transcript``
        the conversation keeps the chat so far (:attr:`Conversation.transcript`) for a channel that
        shows it again on each page."""
        for attempt in range(1, TURN_ATTEMPTS + 1):
            try:
                return self._turn(key, incoming, transcript)
            except VersionConflict:
                if attempt == TURN_ATTEMPTS:
                    raise
        raise AssertionError("unreachable")  # pragma: no cover

    def peek(self, key: ConversationKey) -> Conversation | None:
        """The conversation as it stands, without taking a turn; ``None`` when there is none (never
        started, forgotten, or quiet for longer than the store keeps it)."""
        ctx = Context(self.lookups, self.session_factory, Conversation(), Incoming(InputKind.TEXT), key=key,
                      channel=self.channel)
        ok = False
        try:
            loaded = self.store.load(key, ctx)
            ok = True
        finally:
            ctx.close(ok=ok)
        return loaded.conversation if loaded.version else None

    def end(self, key: ConversationKey) -> None:
        """End a conversation as ``/forget`` does, with nothing to send back (the person has left)."""
        self.handle(key, Incoming(InputKind.COMMAND, "forget"))

    def _turn(self, key: ConversationKey, incoming: Incoming, transcript: bool = False) -> list[Reply]:
        ctx = Context(self.lookups, self.session_factory, Conversation(), incoming, key=key,
                      held_wait=self.held_wait, channel=self.channel)
        ok = False
        try:
            loaded = self.store.load(key, ctx)
            conversation = ctx.conversation = loaded.conversation
            take_language_hint(conversation, incoming, new=not loaded.version)
            if incoming.update_key is not None and incoming.update_key == conversation.last_update_key:
                ok = True
                return list(conversation.last_replies)  # the same update delivered again
            if incoming.kind is InputKind.COMMAND and incoming.text == "forget":
                replies = self._forget(ctx)
                self.store.forget(key, ctx)
            else:
                said = shown_as(incoming, conversation) if transcript else None
                replies = urgent_replies(ctx) + self._dispatch(ctx)
                if transcript:
                    add_to_transcript(conversation, said, replies)
                conversation.last_update_key = incoming.update_key
                conversation.last_replies = replies
                self.store.save(key, loaded, ctx)
            ok = True
        finally:
            ctx.close(ok=ok)
        return replies

    def _dispatch(self, ctx: Context) -> list[Reply]:
        incoming, conversation = ctx.incoming, ctx.conversation
        flow = self.flows.get(conversation.flow or "")
        match incoming.kind:
            case InputKind.COMMAND:
                return self._command(ctx, incoming.text)
            case InputKind.EDITED:
                return [Reply(ctx.t(texts.EDITED))]
            case InputKind.UNSUPPORTED:
                return [Reply(ctx.t(texts.UNSUPPORTED))]
            case InputKind.BUTTON:
                return self._button(ctx, incoming.text, flow)
            case InputKind.LOCATION if flow is not None and incoming.is_a_place:
                return flow.on_location(ctx, incoming.latitude or 0.0, incoming.longitude or 0.0)
            case InputKind.LOCATION if flow is not None:
                return [Reply(ctx.t(texts.LOCATION_NOT_READ)), *flow.current(ctx)]
            case InputKind.TEXT if flow is not None:
                return flow.on_text(ctx, incoming.text)
        return [ctx.menu()]

    def _command(self, ctx: Context, command: str) -> list[Reply]:
        info = ctx.partnership
        if info is None:
            return [Reply(ctx.t(texts.NOT_SET_UP))]
        match command:
            case "start":
                ctx.conversation.reset()
                return [Reply(ctx.t(texts.WELCOME_IN[ctx.channel], name=info.name)), ctx.menu()]
            case "language":
                return [language_reply(ctx.language)]
            case "help":
                return [Reply(ctx.t(texts.HELP)), *self._resume(ctx)]
            case "cancel":
                return self._cancel(ctx)
        return [Reply(ctx.t(texts.UNKNOWN_COMMAND)), *self._resume(ctx)]

    @staticmethod
    def _forget(ctx: Context) -> list[Reply]:
        held = ctx.conversation.held is not None
        if held:  # the conversation cannot send a report any more: pass the words on now
            keep_held_words_waiting(ctx, dt.timedelta(0))
        return [Reply(ctx.t((texts.FORGOTTEN_HELD_IN if held else texts.FORGOTTEN_IN)[ctx.channel]))]

    @staticmethod
    def _cancel(ctx: Context) -> list[Reply]:
        held = ctx.conversation.held is not None
        return ctx.finish(Reply(ctx.t(texts.CANCELLED_HELD if held else texts.CANCELLED)))

    def _button(self, ctx: Context, action: str, flow: Flow | None) -> list[Reply]:
        code = menu.chosen_language(action)
        if code is not None:
            return self._language(ctx, code)
        name = menu.chosen_flow(action)
        if name is not None:
            chosen = self.flows.get(name)
            if chosen is None:
                return [Reply(ctx.t(texts.STALE_BUTTON)), ctx.menu()]
            if ctx.partnership is None:
                return [Reply(ctx.t(texts.NOT_SET_UP))]
            ctx.conversation.reset()
            ctx.conversation.flow = name
            return chosen.start(ctx)
        turn, _, rest = action.partition(":")
        if flow is None or turn != str(ctx.conversation.turn):
            return [Reply(ctx.t(texts.STALE_BUTTON)), *self._resume(ctx)]
        if rest == "cancel":
            return self._cancel(ctx)
        return flow.on_button(ctx, rest)

    def _language(self, ctx: Context, code: str) -> list[Reply]:
        """The languages offered (``code`` empty or not offered), or ``code`` chosen: said in it, then
        where the person was, in it too."""
        if not offered(code):
            return [language_reply(ctx.language)]
        ctx.conversation.language = code
        return [Reply(ctx.t(texts.LANGUAGE_CHOSEN)), *self._resume(ctx)]

    def _resume(self, ctx: Context) -> list[Reply]:
        flow = self.flows.get(ctx.conversation.flow or "")
        return flow.current(ctx) if flow is not None else [ctx.menu()]


def take_language_hint(conversation: Conversation, incoming: Incoming, *, new: bool) -> None:
    """Start a chat in the language the channel says the person reads (Telegram's setting, the web
    page's language), when they have not chosen one: in a new conversation, and at ``/start``. A chosen
    language (``/language``) is kept; a conversation stored before languages existed reads as English."""
    starting = new or (incoming.kind is InputKind.COMMAND and incoming.text == "start")
    if conversation.language is None and starting and offered(incoming.language):
        conversation.language = incoming.language


def shown_as(incoming: Incoming, conversation: Conversation) -> str:
    """What a transcript shows the person did: their words, a button's label, a command as typed; never
    a check code, which is read from the message and kept nowhere."""
    match incoming.kind:
        case InputKind.BUTTON:
            labels = {button.action: button.label for reply in conversation.last_replies
                      for row in reply.buttons for button in row}
            return labels.get(incoming.text, translate(texts.SAID_OLD_BUTTON, conversation.speaks))
        case InputKind.COMMAND:
            return f"/{incoming.text}"
        case InputKind.LOCATION:
            return translate(texts.SAID_LOCATION, conversation.speaks)
        case _ if typed_in_secret(conversation):
            return translate(texts.SAID_CHECK_CODE, conversation.speaks)
    return incoming.text
