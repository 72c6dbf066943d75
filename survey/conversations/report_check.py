"""Check a report: the reference, then the check code, then the report's status and the team's reply.

Steps: ``reference`` -> ``code`` -> ``found`` (status and reply; "Withdraw my report") -> ``withdraw``
(the code typed again deletes the report; "Keep my report" keeps it). The core
(:mod:`survey.triage.check`) answers the same for an unknown reference and a wrong code, and locks a
reference after too many wrong codes in a day; this flow adds a limit per conversation, kept in
memory by the channel's opaque key so that ``/forget`` does not reset it.

The check code is never kept: it is read from the message it came in, handed to the core and
dropped in the same turn, and no reply repeats it. Telegram does not let a bot delete what a person
typed in a private chat reliably, so the reply suggests deleting the chat instead.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from survey.conversations import menu, texts
from survey.conversations.context import Context
from survey.conversations.messages import Reply, column
from survey.conversations.state import Conversation
from survey.languages import SOURCE, translate
from survey.triage.check import CheckOutcome, CheckResult, check_report, withdraw_report
from survey.triage.codes import normalise
from survey.vocabulary import ReportStatus

REFERENCE_CHARACTERS = 10  # survey.responses.store.new_reference: K7QX-M2PA-9D
WRONG_CODES_PER_HOUR = 5
STATUS = {
    ReportStatus.NEW: texts.STATUS_NEW,
    ReportStatus.REVIEWING: texts.STATUS_REVIEWING,
    ReportStatus.ACTIONED: texts.STATUS_ACTIONED,
    ReportStatus.CLOSED: texts.STATUS_CLOSED,
}


class WrongCodes:
    """Wrong check codes typed in each conversation in the last ``window`` seconds (memory only)."""

    def __init__(self, limit: int = WRONG_CODES_PER_HOUR, window: float = 3600.0, *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self._window = window
        self._clock = clock
        self._seen: dict[str, list[float]] = {}

    def blocked(self, key: str) -> bool:
        """Whether ``key`` has typed ``limit`` wrong codes within the window."""
        return len(self._recent(key)) >= self.limit

    def add(self, key: str) -> None:
        """Count one wrong code for ``key``."""
        if len(self._seen) > 10_000:  # forget conversations whose wrong codes are all old
            for old in [k for k in self._seen if not self._recent(k)]:
                del self._seen[old]
        self._seen[key] = [*self._recent(key), self._clock()]

    def _recent(self, key: str) -> list[float]:
        since = self._clock() - self._window
        return [at for at in self._seen.get(key, ()) if at > since]


class ReportCheckFlow:
    """Check a report: reference -> code -> status and reply (-> withdraw), then the menu."""

    def __init__(self, wrong_codes: WrongCodes | None = None) -> None:
        self.wrong_codes = wrong_codes or WrongCodes()

    def start(self, ctx: Context) -> list[Reply]:
        ctx.conversation.step = "reference"
        ctx.conversation.extra.pop("reference", None)
        return [Reply(ctx.t(texts.CHECK_REFERENCE), self._menu_only(ctx))]

    def current(self, ctx: Context) -> list[Reply]:
        match ctx.conversation.step:
            case "code":
                return [Reply(ctx.t(texts.CHECK_CODE), self._menu_only(ctx))]
            case "withdraw":
                return [Reply(ctx.t(texts.WITHDRAW_ASK), column(ctx.button(texts.KEEP_REPORT, "keep")))]
            case "found":
                return [Reply(ctx.t(texts.PICK_A_BUTTON), self._found_buttons(ctx))]
        return self.start(ctx)

    def on_button(self, ctx: Context, action: str) -> list[Reply]:
        step = ctx.conversation.step
        if action == "again":
            return self.start(ctx)
        if action == "withdraw" and step == "found":
            ctx.conversation.step = "withdraw"
            return self.current(ctx)
        if action == "keep" and step == "withdraw":
            return ctx.finish(Reply(ctx.t(texts.KEPT)))
        return [Reply(ctx.t(texts.STALE_BUTTON)), *self.current(ctx)]

    def on_text(self, ctx: Context, text: str) -> list[Reply]:
        match ctx.conversation.step:
            case "reference" | "retry":
                return self._reference(ctx, text)
            case "code" | "withdraw":
                return self._code(ctx, text)
        return [Reply(ctx.t(texts.PICK_A_BUTTON)), *self.current(ctx)]

    def on_location(self, ctx: Context, latitude: float, longitude: float) -> list[Reply]:
        return [Reply(ctx.t(texts.PICK_A_BUTTON)), *self.current(ctx)]

    def _reference(self, ctx: Context, text: str) -> list[Reply]:
        if len(normalise(text)) != REFERENCE_CHARACTERS:  # its shape only: says nothing of what exists
            return [Reply(ctx.t(texts.CHECK_NOT_A_REFERENCE), self._menu_only(ctx))]
        ctx.conversation.extra["reference"] = text
        ctx.conversation.step = "code"
        return self.current(ctx)

    def _code(self, ctx: Context, code: str) -> list[Reply]:
        """The code goes to the core and no further: not into the state, not into a reply."""
        key = ctx.key.current if ctx.key is not None else ""
        if self.wrong_codes.blocked(key):
            return ctx.finish(Reply(ctx.t(texts.CHECK_TOO_MANY)))
        reference = ctx.conversation.extra.get("reference", "")
        withdrawing = ctx.conversation.step == "withdraw"
        result = (withdraw_report if withdrawing else check_report)(ctx.session(), reference, code)
        if result.outcome is CheckOutcome.LOCKED:
            return ctx.finish(Reply(ctx.t(texts.CHECK_LOCKED)))
        if result.outcome is CheckOutcome.NO_MATCH:
            self.wrong_codes.add(key)
            if withdrawing:
                return [Reply(ctx.t(texts.WITHDRAW_NO_MATCH)), *self.current(ctx)]
            ctx.conversation.extra.pop("reference", None)
            ctx.conversation.step = "retry"
            again = column(ctx.button(texts.TRY_AGAIN, "again"), ctx.button(texts.BACK_TO_MENU, "cancel"))
            return [Reply(ctx.t(texts.CHECK_NO_MATCH), again)]
        if withdrawing:
            return ctx.finish(Reply(ctx.t(texts.WITHDRAWN)))
        ctx.conversation.step = "found"
        return [Reply(found_text(result, ctx.channel, ctx.language), self._found_buttons(ctx))]

    @staticmethod
    def _found_buttons(ctx: Context) -> tuple:
        return column(ctx.button(texts.WITHDRAW, "withdraw"), ctx.button(texts.BACK_TO_MENU, "cancel"))

    @staticmethod
    def _menu_only(ctx: Context) -> tuple:
        return column(ctx.button(texts.BACK_TO_MENU, "cancel"))


def typed_in_secret(conversation: Conversation) -> bool:
    """Whether the next thing typed is a check code, which a transcript must never show."""
    return conversation.flow == menu.CHECK and conversation.step in ("code", "withdraw")


def found_text(result: CheckResult, channel: str = "telegram", language: str = SOURCE) -> str:
    """The status and the team's reply (as the team wrote it), and nothing else about the report."""
    status = STATUS.get(result.status, texts.STATUS_NEW) if result.status is not None else texts.STATUS_NEW
    reply = (translate(texts.CHECK_REPLY, language, reply=result.reply) if result.reply
             else translate(texts.CHECK_NO_REPLY, language))
    private = translate(texts.CHECK_PRIVATE_IN[channel], language)
    return texts.paragraphs(translate(status, language), reply, private)
