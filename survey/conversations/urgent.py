"""The urgent-risk path: every typed message is read for risk before anything else happens.

When :func:`survey.safeguarding.risk.assess` suggests someone is at risk, the first reply is the 999
line and the right helplines, whatever flow the person is in, in the language the words are written in
(or the conversation's); the flow then carries on. The risk
categories are remembered for the report being made, so it reaches the team flagged as urgent.

The words themselves are held too (:mod:`survey.responses.held`), so that if the person stops before
a report is sent they still reach the team: the first time, the reply says so. While the person keeps
talking the hold is pushed back; once the chat has been quiet for the hold's wait, the worker passes
the words on as an urgent worry. A report that carries the words drops the hold (see ``form``).
"""

from __future__ import annotations

import datetime as dt
import secrets

from survey.conversations import menu, texts
from survey.conversations.context import Context
from survey.conversations.messages import InputKind, Reply
from survey.conversations.state import HeldWords
from survey.languages import translate
from survey.responses.held import hold_urgent_message, postpone_held_message
from survey.safeguarding.risk import assess, urgent_message
from survey.safeguarding.written_in import written_in
from survey.signposting.local_services import partnership_directory
from survey.storage.models import Consultation
from survey.triage import codes
from survey.triage.codes import CODE_ALPHABET, CODE_LENGTH
from survey.vocabulary import DefinitionKind

FREE_TEXT = (InputKind.TEXT, InputKind.EDITED, InputKind.UNSUPPORTED)  # a photo's caption is text too


def urgent_replies(ctx: Context) -> list[Reply]:
    """The urgent-help message when this turn's words suggest someone is at risk; else nothing."""
    keep_held_words_waiting(ctx)
    incoming = ctx.incoming
    if incoming.kind not in FREE_TEXT or not incoming.text.strip():
        return []
    if _a_reference_or_code(ctx, incoming.text):
        return []
    assessment = assess(incoming.text)
    if not assessment.urgent:
        return []
    categories = {category.value for category in assessment.categories}
    ctx.conversation.risks |= categories
    info = ctx.partnership
    directory = info.directory if info else partnership_directory(None)
    # In the language the words are written in, when that is surely one the chat speaks (someone whose
    # phone is in English may write in Polish when frightened); else in the conversation's.
    language = written_in(incoming.text) or ctx.language
    message = urgent_message(assessment, directory, language)
    first_hold = hold_words(ctx, incoming.text, categories)
    return [Reply(texts.paragraphs(message, translate(texts.HELD, language)) if first_hold else message)]


def _a_reference_or_code(ctx: Context, text: str) -> bool:
    """A reference or check code typed where "Check a report" asks for one. Its random letters are no
    message of danger, but the classifier mistakes about one in two thousand for words ("ME3", "HE"),
    which would hold them and say so."""
    conversation = ctx.conversation
    if conversation.flow != menu.CHECK or conversation.step not in ("reference", "retry", "code", "withdraw"):
        return False
    plain = codes.normalise(text)
    return len(plain) in (CODE_LENGTH, CODE_LENGTH + 1) and set(plain) <= set(CODE_ALPHABET) and all(
        character.isalnum() or character in " -" for character in text.strip())


def hold_words(ctx: Context, text: str, categories: set[str]) -> bool:
    """Hold words of danger until a report carries them (or the chat goes quiet); whether this starts
    a new hold, so the person is told. Nothing is held where no worry form is open to pass them on."""
    found = ctx.form(DefinitionKind.WORRY)
    if found is None:
        return False
    conversation = ctx.conversation
    first = conversation.held is None
    if conversation.held is None:
        conversation.held = HeldWords(secrets.token_urlsafe(24))
    conversation.held.texts.append(text)
    session = ctx.session()
    consultation = session.get_one(Consultation, found[0])
    hold_urgent_message(session, key=conversation.held.key, consultation=consultation, text=text,
                        categories=categories, channel=ctx.channel.recorded_as, wait=ctx.held_wait)
    return first


def keep_held_words_waiting(ctx: Context, wait: dt.timedelta | None = None) -> None:
    """The person is still here: push back passing on their held words (``wait`` 0: pass them on at the
    next release). Once they have been passed on, the conversation stops holding them."""
    held = ctx.conversation.held
    if held is None:
        return
    if not postpone_held_message(ctx.session(), held.key, wait=ctx.held_wait if wait is None else wait):
        ctx.conversation.held = None
