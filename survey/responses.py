"""Storing responses: the one write path shared by the web, paper entry, CSV import and the bot.

A response is stored whole or not at all, and only after the runner's final check. Free text is
assessed for urgent risk and scored for sentiment here, once, when it is stored; reports never
recompute either.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from survey.answers import Answer
from survey.definition import Definition
from survey.runner import validate_response
from survey.safeguarding import RiskCategory, assess
from survey.sentiment import SentimentScorer, default_scorer
from survey.storage.models import Answer as AnswerRow
from survey.storage.models import Channel, Consultation, Response

# No 0/O or 1/I/L: a reference is read aloud over the phone and copied from paper.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
REFERENCE_LENGTH = 10


class ResponseError(ValueError):
    """A response that cannot be stored. ``errors`` maps question ids to what is wrong."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{qid}: {message}" for qid, message in self.errors.items()))


@dataclass(frozen=True)
class StoredResponse:
    response: Response
    created: bool
    """False when the submission key was seen before and the earlier response was returned."""


def new_reference() -> str:
    """An anonymous reference such as ``K7QX-M2PA-9D``: random, unrelated to the person or the time."""
    raw = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def response_by_submission_key(session: Session, submission_key: str) -> Response | None:
    return session.scalar(select(Response).where(Response.submission_key == submission_key))


def store_response(
    session: Session,
    consultation: Consultation,
    definition: Definition,
    answers: Mapping[str, Answer],
    *,
    channel: Channel,
    submission_key: str | None = None,
    submitted_at: dt.datetime | None = None,
    scorer: SentimentScorer | None = None,
) -> StoredResponse:
    """Validate and store one response with all its answers, atomically.

    ``submission_key`` makes the call idempotent: a double click, a re-sent form or a bot update
    delivered twice carries the same key and gets the response stored the first time
    (``created=False``). Raises :class:`ResponseError` (nothing stored) when a visible required
    question is unanswered.
    """
    if submission_key is not None:
        existing = response_by_submission_key(session, submission_key)
        if existing is not None:
            return StoredResponse(existing, created=False)
    clean, errors = validate_response(definition, answers)
    if errors:
        raise ResponseError(errors)
    scorer = scorer or default_scorer()
    risks: set[RiskCategory] = set()
    rows: list[AnswerRow] = []
    for question in definition.questions:
        for part in clean.get(question.id, ()):
            row = AnswerRow(
                consultation_id=consultation.id, question_id=question.id, option=part.option,
                rank=part.rank, number=part.number, date=part.date, text=part.text,
                latitude=part.latitude, longitude=part.longitude,
            )
            if part.text:  # free text, "other" wording and places described in words alike
                risks |= assess(part.text).categories
                if question.type == "free_text":
                    score = scorer.score(part.text)
                    row.sentiment_polarity = score.polarity
                    row.sentiment_subjectivity = score.subjectivity
                    row.sentiment_compound = score.compound
            rows.append(row)
    response = Response(
        partnership_id=consultation.partnership_id,
        consultation_id=consultation.id,
        channel=channel,
        reference=new_reference(),
        submission_key=submission_key,
        urgent=bool(risks),
        risk_categories=",".join(sorted(risks)) or None,
        answers=rows,
    )
    if submitted_at is not None:
        response.submitted_at = submitted_at
    # A savepoint: if a concurrent request stored the same submission key first, only this
    # insert is undone and the earlier response is returned.
    try:
        with session.begin_nested():
            session.add(response)
            session.flush()
    except IntegrityError:
        if submission_key is None:
            raise
        existing = response_by_submission_key(session, submission_key)
        if existing is None:
            raise
        return StoredResponse(existing, created=False)
    return StoredResponse(response, created=True)
