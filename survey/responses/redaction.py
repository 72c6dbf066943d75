"""Correcting stored responses: deleting one, redacting words from a free-text answer, and the review
of answers that may hold someone's personal details. Administrators only (the caller checks).

Deleting removes the response and everything that hangs from it (its answers, officers' notes; an
alert email keeps its row without it). Redacting replaces each occurrence of the words with
:data:`REDACTED` in the answer, and in the response's notes and reply where an officer quoted them,
scores its sentiment again from the new words, and marks the answer reviewed. The kept tallies
(``survey.tallies``) change in the same transaction, so reports follow at once. A results
publication is a frozen copy of public figures with no free text in it
(``survey.storage.models.ResultsPublication``): a redaction leaves it as it is; a deletion shows in
the figures when the consultation is next published, never by silently changing what was
published. A retention run's counts record what that run did, and stay.

The audit event says who, when, why and which response and question; never the words removed, and a
reason that repeats them is refused. Once the change has committed, the caller rewrites the
database's files as the retention run does (``survey.retention.files.scrub_files``), so the old words
cannot be read from the files either. Every function flushes; the caller commits.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from survey.consultations import definition_of
from survey.officers.audit import record_event
from survey.question_types import scores_sentiment
from survey.responses.personal_data import kinds_of, personal_data_kinds
from survey.responses.sentiment import SentimentScorer, default_scorer
from survey.storage.models import Answer, Consultation, ReportNote, Response
from survey.storage.types import utcnow
from survey.tallies.keep import change_in_tallies, tallied

REDACTED = "[redacted]"
MAX_REASON = 500
DELETED = "response_deleted"
REDACTED_ACTION = "answer_redacted"
KEPT = "personal_data_kept"


class RedactionRefused(ValueError):
    """A redaction or deletion that cannot be made as asked; ``problems`` maps a form field to what
    is wrong, in words an officer can act on. Nothing is changed."""

    def __init__(self, problems: dict[str, str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems.values()))


@dataclass(frozen=True)
class FlaggedAnswer:
    """A free-text answer that may hold personal details and that no officer has reviewed yet."""

    answer_id: int
    reference: str
    consultation_title: str
    question_id: str
    question_text: str
    text: str
    kinds: tuple[str, ...]
    submitted_at: dt.datetime


def _unreviewed(partnership_id: int):  # type: ignore[no-untyped-def]
    return (
        select(Answer, Response.reference, Response.submitted_at, Consultation)
        .join(Response, Response.id == Answer.response_id)
        .join(Consultation, Consultation.id == Answer.consultation_id)
        .where(
            Response.partnership_id == partnership_id,
            Answer.personal_data.is_not(None),
            Answer.personal_data_reviewed_at.is_(None),
            Answer.text.is_not(None),
        )
    )


def flagged_answers(session: Session, partnership_id: int, *, limit: int = 100) -> list[FlaggedAnswer]:
    """The partnership's flagged answers waiting for review, oldest first (they have waited longest)."""
    rows = session.execute(
        _unreviewed(partnership_id).order_by(Response.submitted_at, Answer.id).limit(limit)
    ).all()
    definitions: dict[int, dict[str, str]] = {}
    flagged = []
    for answer, reference, submitted_at, consultation in rows:
        if consultation.id not in definitions:
            definitions[consultation.id] = {q.id: q.text for q in definition_of(consultation).questions}
        flagged.append(
            FlaggedAnswer(
                answer_id=answer.id,
                reference=reference,
                consultation_title=consultation.title,
                question_id=answer.question_id,
                question_text=definitions[consultation.id].get(answer.question_id, answer.question_id),
                text=answer.text or "",
                kinds=kinds_of(answer.personal_data),
                submitted_at=submitted_at,
            )
        )
    return flagged


def count_flagged(session: Session, partnership_id: int) -> int:
    """How many of the partnership's flagged answers wait for review."""
    return int(session.scalar(select(func.count()).select_from(_unreviewed(partnership_id).subquery())) or 0)


def response_of(session: Session, partnership_id: int, reference: str) -> Response | None:
    """The partnership's response with this reference; None for another partnership's."""
    return session.scalar(
        select(Response).where(
            Response.reference == reference.strip().upper(), Response.partnership_id == partnership_id
        )
    )


def answer_of(session: Session, response: Response, answer_id: int) -> Answer | None:
    """One free-text answer of the response (None if it is not one of its answers, or has no words)."""
    return session.scalar(
        select(Answer).where(
            Answer.id == answer_id, Answer.response_id == response.id, Answer.text.is_not(None)
        )
    )


def keep_as_is(session: Session, response: Response, answer: Answer, *, officer_id: int) -> None:
    """An officer has read a flagged answer and found nothing to remove: it may be quoted now."""
    if answer.personal_data_reviewed_at is not None:
        return  # a second click on the same button changes nothing and is not audited twice
    answer.personal_data_reviewed_at = utcnow()
    record_event(
        session,
        partnership_id=response.partnership_id,
        officer_id=officer_id,
        action=KEPT,
        target_type="response",
        target_id=response.reference,
        details={"question_id": answer.question_id, "kinds": list(kinds_of(answer.personal_data))},
    )
    session.flush()


def words_to_remove(lines: str) -> list[str]:
    """The words an officer typed, one piece per line, blank lines and repeats left out."""
    pieces = [line.strip() for line in lines.splitlines()]
    return list(dict.fromkeys(piece for piece in pieces if piece))


def redacted_text(text: str, words: Sequence[str]) -> tuple[str, int]:
    """``text`` with every occurrence of each piece (any case) replaced by :data:`REDACTED`, and how
    many places changed. Raises :class:`RedactionRefused` for a piece the text does not contain."""
    if not words:
        raise RedactionRefused({"words": "Enter the words to remove"})
    missing = [piece for piece in words if piece.casefold() not in text.casefold()]
    if missing:
        raise RedactionRefused(
            {
                "words": f"The answer does not contain “{missing[0]}”: copy the words "
                "exactly as the answer has them"
            }
        )
    return _pattern(words).subn(REDACTED, text)


def check_reason(reason: str, words: Sequence[str] = ()) -> str:
    """The reason, stripped; raises :class:`RedactionRefused` when it is missing, too long, or repeats
    the words being removed (it is kept in the audit log)."""
    reason = reason.strip()
    if not reason:
        raise RedactionRefused({"reason": "Enter the reason"})
    if len(reason) > MAX_REASON:
        raise RedactionRefused({"reason": f"The reason must be {MAX_REASON} characters or fewer"})
    if any(piece.casefold() in reason.casefold() for piece in words):
        raise RedactionRefused(
            {"reason": "The reason must not repeat the words you are removing: it is kept in the audit log"}
        )
    return reason


def redact_answer(
    session: Session,
    response: Response,
    answer: Answer,
    words: Sequence[str],
    *,
    reason: str,
    officer_id: int,
    scorer: SentimentScorer | None = None,
) -> int:
    """Replace the words in the answer (and where quoted in the response's notes and reply); returns
    how many places in the answer changed. Raises :class:`RedactionRefused`, changing nothing."""
    new_text, places = redacted_text(answer.text or "", words)
    reason = check_reason(reason, words)
    consultation = session.get_one(Consultation, answer.consultation_id)
    try:
        scored = scores_sentiment(definition_of(consultation).question(answer.question_id))
    except KeyError:  # a question no longer in the definition: keep scoring it if it was scored
        scored = answer.sentiment_compound is not None
    before = tallied(answer)
    answer.text = new_text
    answer.personal_data = personal_data_kinds(new_text)
    answer.personal_data_reviewed_at = utcnow()
    score = (scorer or default_scorer()).score(new_text) if scored else None
    answer.sentiment_polarity = score.polarity if score else None
    answer.sentiment_subjectivity = score.subjectivity if score else None
    answer.sentiment_compound = score.compound if score else None
    change_in_tallies(session, answer.consultation_id, [before], [tallied(answer)])
    _redact_officer_words(session, response, words)
    record_event(
        session,
        partnership_id=response.partnership_id,
        officer_id=officer_id,
        action=REDACTED_ACTION,
        target_type="response",
        target_id=response.reference,
        details={"question_id": answer.question_id, "reason": reason, "places": places},
    )
    session.flush()
    return places


def _redact_officer_words(session: Session, response: Response, words: Sequence[str]) -> None:
    """Officers' notes and the reply may quote the answer: the words go from them too."""
    if response.reply and any(piece.casefold() in response.reply.casefold() for piece in words):
        response.reply = _replace_any(response.reply, words)
    for note in session.scalars(select(ReportNote).where(ReportNote.response_id == response.id)):
        if any(piece.casefold() in note.text.casefold() for piece in words):
            note.text = _replace_any(note.text, words)


def _replace_any(text: str, words: Sequence[str]) -> str:
    return _pattern(words).sub(REDACTED, text)


def _pattern(words: Sequence[str]) -> re.Pattern[str]:
    # Longest first, so "Dave Smith" goes whole before "Dave" would leave "Smith" behind.
    return re.compile("|".join(re.escape(p) for p in sorted(words, key=len, reverse=True)), re.IGNORECASE)


def delete_response(session: Session, response: Response, *, reason: str, officer_id: int) -> None:
    """Delete the response with its answers and notes. Raises :class:`RedactionRefused` without a reason."""
    reason = check_reason(reason)
    consultation = session.get_one(Consultation, response.consultation_id)
    record_event(
        session,
        partnership_id=response.partnership_id,
        officer_id=officer_id,
        action=DELETED,
        target_type="response",
        target_id=response.reference,
        details={"consultation": consultation.slug, "channel": str(response.channel.value), "reason": reason},
    )
    session.delete(response)  # its answers and notes go with it (ON DELETE CASCADE), alerts keep their row;
    # the flush takes it out of the kept tallies (survey.tallies.keep)
    session.flush()
