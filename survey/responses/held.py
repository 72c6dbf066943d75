"""Words of danger said in a chat that then goes quiet: held, and passed on if no report follows.

When someone describes danger in the chat (the urgent-risk path flags their words) and then stops
before their report is sent, the words must not be lost. The chat holds them here
(:func:`hold_urgent_message`), pushes the hold back while the person keeps talking
(:func:`postpone_held_message`) and drops it when a report carrying them is sent
(:func:`drop_held_message`). Once the chat has been quiet for a while, the worker calls
:func:`release_due_messages` every minute: each due message becomes an urgent worry, stored through
the one write path (so it is alerted like any other urgent report), and its row is deleted.

A hold is found by an opaque key the conversation makes up (random, never derived from who the
person is), and holds only the words and their risk categories.

Like the rest of the core these functions flush and never commit: the caller commits.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from survey.answers import Answer, RawAnswer
from survey.consultations import definition_of
from survey.definitions.definition import Definition, Question
from survey.question_types import AnswerError, ChatInput, Tally
from survey.responses.inbox import flag_urgent
from survey.responses.sentiment import SCORE_LATER
from survey.responses.store import ResponseError, store_response
from survey.runner.navigation import visible_questions
from survey.safeguarding.risk import assess
from survey.storage.models import Consultation, HeldUrgentMessage, ReportNote, Response
from survey.storage.types import utcnow
from survey.vocabulary import Channel

logger = logging.getLogger(__name__)

DEFAULT_WAIT = dt.timedelta(minutes=10)
"""How long a chat may be quiet before held words are passed on (the bot's setting overrides it)."""
LONGEST_HOLD = dt.timedelta(hours=1)
"""However long the chat goes on, held words are passed on this long after they were first held."""
RETRY_AFTER = dt.timedelta(hours=1)
"""When held words cannot be stored (a form changed beyond recognition), try again this much later."""
SEPARATOR = "\n\n"
RELEASED_NOTE = ("Passed on by the chat: the person described danger, then stopped before sending a "
                 "report. These are their words; the answers to the other questions were not given.")
# Answers given for the person to the worry's required choice questions, most honest first.
UNKNOWN_CHOICES = ("something_else", "other", "dont_know", "prefer_not_to_say")


def hold_urgent_message(
    session: Session, *, key: str, consultation: Consultation, text: str, categories: Iterable[str],
    channel: Channel, now: dt.datetime | None = None, wait: dt.timedelta = DEFAULT_WAIT,
) -> HeldUrgentMessage:
    """Hold ``text`` (words that raised an urgent risk) under ``key``, to be passed on ``wait`` from now.

    ``consultation`` is the open worry form the words will be stored in; ``channel`` the chat they were
    said in, as the report is recorded (``bot`` for Telegram, ``chat`` for the website's chat). Words
    held before under the same key are kept: the new ones are added after them and the risk
    categories are joined.
    """
    now = now or utcnow()
    held = _held(session, key)
    if held is None:
        held = HeldUrgentMessage(partnership_id=consultation.partnership_id, consultation_id=consultation.id,
                                 conversation_key=key, text=text, channel=channel, created_at=now)
        session.add(held)
    else:
        held.text = f"{held.text}{SEPARATOR}{text}"
    known = set(filter(None, (held.risk_categories or "").split(",")))
    held.risk_categories = ",".join(sorted(known | set(categories)))[:200] or None
    held.due_at = _due(held, now, wait)
    session.flush()
    return held


def postpone_held_message(
    session: Session, key: str, *, now: dt.datetime | None = None, wait: dt.timedelta = DEFAULT_WAIT,
) -> bool:
    """The person is still talking: pass the held words on ``wait`` from now instead (at the latest
    :data:`LONGEST_HOLD` after they were held). ``wait`` of zero passes them on at the next release.

    Returns whether anything is held under ``key`` (``False`` once the words have been passed on).
    """
    held = _held(session, key)
    if held is None:
        return False
    held.due_at = _due(held, now or utcnow(), wait)
    session.flush()
    return True


def drop_held_message(session: Session, key: str, *, keep: Sequence[str] = ()) -> bool:
    """A report carrying the held words was sent: forget them. Returns whether anything was held.

    ``keep`` are words held under ``key`` that the report does not carry (see :func:`words_not_in`):
    they stay held, alone, with their own risk categories, and are passed on as before.
    """
    held = _held(session, key)
    if held is None:
        return False
    if keep:
        held.text = SEPARATOR.join(keep)
        found = {category.value for text in keep for category in assess(text).categories}
        held.risk_categories = ",".join(sorted(found))[:200] or held.risk_categories
    else:
        session.delete(held)
    session.flush()
    return True


def words_not_in(response: Response, texts: Sequence[str]) -> list[str]:
    """Those of ``texts`` that no answer of ``response`` holds (as typed, give or take spaces)."""
    carried = {_plain(answer.text) for answer in response.answers if answer.text}
    return [text for text in texts if _plain(text) not in carried]


def _plain(text: str) -> str:
    return " ".join(text.split()).casefold()


def release_due_messages(session: Session, *, now: dt.datetime | None = None) -> int:
    """Store every held message that is due as an urgent worry (with the channel of the chat it was
    said in) and delete its row.

    Each becomes a report through :func:`~survey.responses.store.store_response`, so it is alerted
    like any other urgent report, with an internal note saying where it came from. A message that
    cannot be stored is kept and tried again later. Returns how many reports were stored.
    """
    now = now or utcnow()
    due = HeldUrgentMessage.due_at
    query = select(HeldUrgentMessage).where(due <= now).order_by(due, HeldUrgentMessage.id)
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)  # two workers never pass one message on twice
    released = 0
    for held in session.scalars(query).all():
        consultation = session.get_one(Consultation, held.consultation_id)
        try:
            with session.begin_nested():
                _store(session, held, consultation)
                session.delete(held)
        except (ResponseError, AnswerError, LookupError, ValueError) as problem:  # one must not stop the rest
            held.due_at = now + RETRY_AFTER
            logger.error("Could not pass on held urgent words (consultation %s): %s", consultation.id,
                         type(problem).__name__)
            continue
        released += 1
    session.flush()
    if released:
        logger.info("Passed on %d held urgent message(s) as urgent reports", released)
    return released


def _held(session: Session, key: str) -> HeldUrgentMessage | None:
    return session.scalar(select(HeldUrgentMessage).where(HeldUrgentMessage.conversation_key == key))


def _due(held: HeldUrgentMessage, now: dt.datetime, wait: dt.timedelta) -> dt.datetime:
    return min(now + wait, (held.created_at or now) + LONGEST_HOLD)


def _store(session: Session, held: HeldUrgentMessage, consultation: Consultation) -> None:
    definition = definition_of(consultation)
    answers = released_answers(definition, held.text)
    # The same row passed on twice (two workers, a retry) stores one report.
    submission_key = hashlib.sha256(f"held-urgent:{held.id}:{held.conversation_key}".encode()).hexdigest()
    stored = store_response(session, consultation, definition, answers, channel=held.channel,
                            submission_key=submission_key, scorer=SCORE_LATER)
    if not stored.created:
        return
    # The words were urgent when they were held: they stay urgent even if the rules change meanwhile.
    flag_urgent(session, stored.response, set(filter(None, (held.risk_categories or "").split(","))))
    session.add(ReportNote(response_id=stored.response.id, officer_id=None, text=RELEASED_NOTE))


def released_answers(definition: Definition, text: str) -> dict[str, Answer]:
    """The answers a held message is stored with: the words in the form's first typed question, and
    for each other required question the most honest "we do not know" option it has.

    Raises :class:`LookupError` when the form has nowhere to put the words.
    """
    answers: dict[str, Answer] = {}
    typed = next((q for q in definition.questions if q.tally == Tally.TEXT and q.show_if is None), None)
    if typed is None:
        raise LookupError("the form has no question for words")
    limit = getattr(typed, "max_length", len(text))
    answers[typed.id] = typed.parse(RawAnswer(text[:limit].strip()))
    unanswered = True
    while unanswered:  # an answer given here may show another required question
        unanswered = [q for q in visible_questions(definition, answers) if q.required and q.id not in answers]
        for question in unanswered:
            answers[question.id] = question.parse(RawAnswer(_unknown_choice(question)))
    return answers


def _unknown_choice(question: Question) -> Any:
    options = [option.value for option in getattr(question, "all_options", ())]
    if not options:
        raise LookupError(f"question {question.id!r} needs an answer the chat cannot give")
    value = next((value for value in UNKNOWN_CHOICES if value in options), options[-1])
    return [value] if question.chat_input in (ChatInput.TICK, ChatInput.RANK) else value
