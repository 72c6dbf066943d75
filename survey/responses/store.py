"""Storing responses: the one write path shared by the web, paper entry, CSV import and the bot.

A response is stored whole or not at all, and only after the runner's final check. Free text is
assessed for urgent risk, scanned for what looks like personal details (``survey.responses.
personal_data``), and scored for sentiment where its question has ``sentiment: true``, once: here,
when it is stored, or, for a caller that must not wait (a chat reply, ``scorer=SCORE_LATER``), by the
background worker once it is committed (``survey.responses.rescore``); reports never recompute any
of them. Safeguarding never waits for the worker. An urgent response's alerts are queued in the same
transaction (``survey.notifications.outbox``), so there is never an alert without its report, nor
the reverse.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from survey.answers import Answer, AnswerPart
from survey.definitions.definition import Definition
from survey.languages import CODES, SOURCE, offered
from survey.notifications.outbox import queue_urgent_alert
from survey.question_types import scores_sentiment
from survey.responses.personal_data import personal_data_kinds
from survey.responses.rescore import awaits_scoring, score_after_commit
from survey.responses.sentiment import ScoreLater, SentimentScorer, default_scorer, sentiment_reads
from survey.runner.navigation import validate_response
from survey.safeguarding.risk import RiskCategory, assess
from survey.storage.models import Answer as AnswerRow
from survey.storage.models import Consultation, Response
from survey.storage.types import utcnow
from survey.tallies.days import local_day
from survey.tallies.keep import record_changes, tally_changes
from survey.triage.codes import hash_check_code, new_check_code
from survey.vocabulary import Channel
from survey.wards.index import assign_rows

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
    check_code: str | None = None
    """The reporter's check code, in plain text only here, when the response was just created.

    Only its hash is stored; show it once with the reference (``survey.triage.codes``)."""


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
    scorer: SentimentScorer | ScoreLater | None = None,
    language: str = SOURCE,
) -> StoredResponse:
    """Validate and store one response with all its answers, atomically.

    ``submission_key`` makes the call idempotent: a double click, a re-sent form or a bot update
    delivered twice carries the same key and gets the response stored the first time
    (``created=False``). Raises :class:`ResponseError` (nothing stored) when a visible required
    question is unanswered. ``scorer=SCORE_LATER`` stores it unscored and has the worker score it
    after the commit. ``language`` is the one its questions were shown in (``survey.languages``).
    """
    if submission_key is not None:
        existing = response_by_submission_key(session, submission_key)
        if existing is not None:
            return StoredResponse(existing, created=False)
    prepared = prepare_response(
        consultation, definition, answers, channel=channel, submission_key=submission_key,
        submitted_at=submitted_at, scorer=scorer, language=language,
    )
    stored = save_response(session, prepared)
    if (isinstance(scorer, ScoreLater) and stored.created and sentiment_reads(language)
            and awaits_scoring(definition, prepared.rows)):
        score_after_commit(session, stored.response.id)
    return stored


@dataclass(frozen=True)
class PreparedResponse:
    """A checked and scored response, its column values and its answer rows, not yet stored."""

    values: dict[str, Any]
    rows: list[dict[str, Any]]


def prepare_response(
    consultation: Consultation,
    definition: Definition,
    answers: Mapping[str, Answer],
    *,
    channel: Channel,
    submission_key: str | None = None,
    submitted_at: dt.datetime | None = None,
    scorer: SentimentScorer | ScoreLater | None = None,
    language: str = SOURCE,
) -> PreparedResponse:
    """Check and score a response without touching the database (see :func:`save_response`).

    Raises :class:`ResponseError` when a visible required question is unanswered. With
    ``scorer=SCORE_LATER`` nothing is scored (the caller has the worker score it once it is stored).
    """
    values, rows = _checked_values(consultation, definition, answers, channel, submitted_at, scorer, language)
    return PreparedResponse({**values, "submission_key": submission_key}, rows)


def save_response(session: Session, prepared: PreparedResponse) -> StoredResponse:
    """Store a response made by :func:`prepare_response`, once.

    Preparing (the checks, sentiment and safeguarding) needs no database, so a caller can prepare
    before it begins writing and hold the write lock only for this part: the response's row and its
    answer rows, in two statements. The submission key makes it idempotent, as for
    :func:`store_response`: the unique key refuses a second copy, and the stored one is returned.
    Nothing is looked up first; a re-sent submit is rare, and a lookup would cost every submit.
    """
    submission_key = prepared.values["submission_key"]
    check_code = new_check_code()
    values = {**prepared.values, "check_code_hash": hash_check_code(prepared.values["reference"], check_code)}
    # A re-sent submit (or a concurrent request that got there first) meets the unique submission
    # key: nothing is inserted, no row comes back, and the stored response is returned instead.
    response = session.scalars(_insert_once(session).returning(Response), [values]).first()
    if response is None:  # only a submission key already stored does this
        existing = response_by_submission_key(session, submission_key)
        if existing is None:  # stored a moment ago and deleted since: nothing to return
            raise LookupError("The response with this submission key was deleted as it was sent again")
        return StoredResponse(existing, created=False)
    rows = [{**row, "response_id": response.id} for row in prepared.rows]
    if rows:
        assign_rows(session, response.partnership_id, rows)  # as _insert does: every pin gets its ward
        session.execute(AnswerRow.__table__.insert(), rows)
    # Counted in this transaction, on the day it was submitted (survey.tallies).
    days = {response.id: local_day(response.submitted_at)}
    record_changes(session, response.consultation_id, tally_changes(rows, days, responses=[response.id]))
    if response.urgent:  # alerted in this transaction: no alert without its report, nor the reverse
        queue_urgent_alert(session, partnership_id=response.partnership_id, response_id=response.id)
    return StoredResponse(response, created=True, check_code=check_code)


def _insert_once(session: Session) -> Any:
    """``INSERT INTO response`` that does nothing when the submission key is already stored (one
    statement, no savepoint: the write lock is held for less)."""
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(Response).on_conflict_do_nothing(index_elements=["submission_key"])


@dataclass(frozen=True)
class NewResponse:
    """One response for :func:`store_responses`."""

    answers: Mapping[str, Answer]
    channel: Channel
    submitted_at: dt.datetime | None = None
    language: str = SOURCE


def store_responses(
    session: Session,
    consultation: Consultation,
    definition: Definition,
    batch: Sequence[NewResponse],
    *,
    scorer: SentimentScorer | None = None,
) -> int:
    """Validate and store many responses at once (the CSV importer's path); returns how many.

    Every response is checked exactly as :func:`store_response` checks one, and the whole batch is
    stored or, on :class:`ResponseError` or a database error, none of it. The rows are written with
    bulk inserts: building an ORM object per answer part would make a 5,000-row import take half a
    minute.
    """
    checked = [
        _checked_values(consultation, definition, new.answers, new.channel, new.submitted_at, scorer,
                        new.language)
        for new in batch
    ]
    urgent_ids: list[int] = []
    with session.begin_nested():
        for start in range(0, len(checked), _BULK_BATCH):
            chunk = checked[start : start + _BULK_BATCH]
            ids = _insert(session, chunk)
            urgent_ids += [rid for rid, (values, _) in zip(ids, chunk, strict=True) if values["urgent"]]
        if urgent_ids:  # one alert per address for the whole import, not one per row
            queue_urgent_alert(session, partnership_id=consultation.partnership_id, response_id=urgent_ids[0])
    return len(checked)


def _insert(session: Session, checked: Sequence[tuple[dict[str, Any], list[dict[str, Any]]]]) -> list[int]:
    """Insert responses and their answer rows with two bulk statements; returns the new ids.

    Building an ORM object per answer part would make a 5,000-row import take half a minute, and
    would double the time a single submit holds the write lock.
    """
    now = utcnow()
    ids = list(session.scalars(
        insert(Response).returning(Response.id, sort_by_parameter_order=True),
        [{"submitted_at": now, **values} for values, _ in checked],
    ).all())
    answer_rows = [
        {**row, "response_id": rid} for rid, (_, rows) in zip(ids, checked, strict=True) for row in rows
    ]
    if checked:  # every pin is given its ward as it is stored, whichever channel it came from
        assign_rows(session, checked[0][0]["partnership_id"], answer_rows)
    if answer_rows:
        session.execute(AnswerRow.__table__.insert(), answer_rows)
    if checked:  # counted in this transaction, each on the day it was submitted (survey.tallies)
        stamps = [values.get("submitted_at", now) for values, _ in checked]
        days = {rid: local_day(stamp) for rid, stamp in zip(ids, stamps, strict=True)}
        changes = tally_changes(answer_rows, days, responses=ids)
        record_changes(session, checked[0][0]["consultation_id"], changes)
    return ids


_BULK_BATCH = 500


def _checked_values(
    consultation: Consultation,
    definition: Definition,
    answers: Mapping[str, Answer],
    channel: Channel,
    submitted_at: dt.datetime | None,
    scorer: SentimentScorer | ScoreLater | None,
    language: str = SOURCE,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """The column values of a response and of each of its answer rows, after the final check."""
    if not offered(language):
        raise ValueError(f"No such language {language!r}: expected one of {', '.join(CODES)}")
    clean, errors = validate_response(definition, answers)
    if errors:
        raise ResponseError(errors)
    # Safeguarding is never put off: only the sentiment score may wait for the worker. The sentiment
    # models read English only: text in another language is left unscored, and reports say so.
    scoring = None if isinstance(scorer, ScoreLater) or not sentiment_reads(language) else (
        scorer or default_scorer())
    risks: set[RiskCategory] = set()
    rows: list[dict[str, Any]] = []
    for question in definition.questions:
        for part in clean.get(question.id, ()):
            row: dict[str, Any] = {
                "consultation_id": consultation.id, "question_id": question.id, "option": part.option,
                "rank": part.rank, "number": part.number, "date": part.date, "text": part.text,
                "latitude": part.latitude, "longitude": part.longitude,
                "sentiment_polarity": None, "sentiment_subjectivity": None, "sentiment_compound": None,
                "urgent": False, "risk_categories": None, "personal_data": None,
            }
            if part.text:  # free text, "other" wording and places described in words alike
                # Kinds only, never the words found: quoted nowhere until an officer has reviewed it.
                row["personal_data"] = personal_data_kinds(part.text)
                found = assess(part.text).categories
                if found:  # the flag belongs to the answer whose words raised it
                    risks |= found
                    row["urgent"] = True
                    row["risk_categories"] = ",".join(sorted(found))
                if scoring is not None and scores_sentiment(question):  # only feelings or views
                    score = scoring.score(part.text)
                    row["sentiment_polarity"] = score.polarity
                    row["sentiment_subjectivity"] = score.subjectivity
                    row["sentiment_compound"] = score.compound
            rows.append(row)
    values: dict[str, Any] = {
        "partnership_id": consultation.partnership_id,
        "consultation_id": consultation.id,
        # The version it answered: a later change to the wording never rewrites what was asked.
        "definition_id": consultation.definition_id,
        "channel": channel,
        "language": language,
        "reference": new_reference(),
        "urgent": bool(risks),
        "risk_categories": ",".join(sorted(risks)) or None,
    }
    if submitted_at is not None:
        values["submitted_at"] = submitted_at
    return values, rows


def response_answers(response: Response) -> dict[str, Answer]:
    """The stored answer rows of a response put back together as ``{question_id: Answer}``."""
    parts: dict[str, list[tuple[int, int, AnswerPart]]] = {}
    for row in response.answers:
        part = AnswerPart(option=row.option, rank=row.rank, number=row.number, date=row.date, text=row.text,
                          latitude=row.latitude, longitude=row.longitude)
        parts.setdefault(row.question_id, []).append((row.rank or 0, row.id or 0, part))
    return {question_id: tuple(part for _, _, part in sorted(found, key=lambda item: item[:2]))
            for question_id, found in parts.items()}
