"""Reading free-text answers for officers: urgent ones first, with their stored sentiment.

Sentiment is shown only for questions with ``sentiment: true`` (it is an indicative guide, scored
by a word list, and measures nothing where the question does not ask for feelings or views).

"Urgent" is the answer's own flag (``Answer.urgent``, set when it was stored on the answer whose words
raised it), not its response's: the other answers of an urgent response are ordinary answers.

Free text is raw data in the respondent's own words: officers read it here (every view is audited by
the caller), it is never published, and the public report leaves it out altogether. The "other -
please specify" words of choice questions are included with the free-text answers, since they are
free text too.

An answer flagged at submit as perhaps holding someone's personal details (``Answer.personal_data``,
``survey.responses.personal_data``) and not yet reviewed by an officer is never quoted in an export:
the paths that quote (the summary's themes, the raw CSV and Excel) ask for
``FreeTextQuery(hide_unreviewed_personal_data=True)`` or use :func:`quotable`. Officers reading the
answers here still see it, with what it may hold (``FreeTextItem.personal_data``), so they can review it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import Session

from analysis.filters import NO_FILTER, ResponseFilter, restrict_answers
from survey.definitions.definition import Definition
from survey.question_types import Tally, scores_sentiment
from survey.responses.personal_data import kinds_of
from survey.responses.sentiment import NEGATIVE_THRESHOLD, POSITIVE_THRESHOLD, SentimentLabel, label_for
from survey.storage.models import Answer, Consultation, Response
from survey.vocabulary import Channel


@dataclass(frozen=True)
class FreeTextItem:
    question_id: str
    text: str
    reference: str
    channel: str
    submitted_at: dt.datetime
    urgent: bool
    risk_categories: tuple[str, ...]
    compound: float | None
    polarity: float | None
    personal_data: tuple[str, ...] = ()
    """What kinds of personal details the words may hold, while no officer has reviewed them."""
    language: str = "en"
    """The language it was written in (its response's: ``survey.languages`` code)."""

    @property
    def sentiment(self) -> SentimentLabel | None:
        return None if self.compound is None else label_for(self.compound)

    @property
    def channel_label(self) -> str:
        """Where the words came from, as officers read it ("Website chat")."""
        return Channel(self.channel).label


@dataclass(frozen=True)
class FreeTextQuery:
    """What an officer asked to see: questions (all free text when empty), urgent only, a
    sentiment label, and words the answer must contain (case-insensitive)."""

    question_ids: tuple[str, ...] = ()
    urgent_only: bool = False
    sentiment: Literal["positive", "neutral", "negative"] | None = None
    contains: str = ""
    hide_unreviewed_personal_data: bool = False
    """Leave out answers that may hold personal details until an officer has reviewed them (exports)."""


def quotable() -> ColumnElement[bool]:
    """The answer may be quoted: nothing that looks like personal details was found in it, or an
    officer has reviewed it (kept it as it is, or redacted it)."""
    return or_(Answer.personal_data.is_(None), Answer.personal_data_reviewed_at.is_not(None))


def unreviewed_kinds(personal_data: str | None, reviewed_at: dt.datetime | None) -> tuple[str, ...]:
    """The kinds of personal details an answer may hold, while it waits for review; () otherwise."""
    return () if reviewed_at is not None else kinds_of(personal_data)


def text_question_ids(definition: Definition) -> list[str]:
    """Questions whose answers hold free text: free-text questions and choices with "other"."""
    return [
        q.id for q in definition.questions
        if q.tally == Tally.TEXT or q.offers_other
    ]


def free_text_items(
    session: Session,
    consultation: Consultation,
    definition: Definition,
    query: FreeTextQuery = FreeTextQuery(),  # noqa: B008 - frozen, so a shared default is safe
    response_filter: ResponseFilter = NO_FILTER,
    *,
    limit: int | None = 50,
    offset: int = 0,
) -> tuple[list[FreeTextItem], int]:
    """One page of free-text answers, urgent first then newest, and how many there are in all."""
    statement = _select(consultation, definition, query, response_filter)
    total = int(session.scalar(select(func.count()).select_from(statement.subquery())) or 0)
    ordered = statement.order_by(Answer.urgent.desc(), Response.submitted_at.desc(), Answer.id.desc())
    if limit is not None:
        ordered = ordered.limit(limit).offset(offset)
    # A score stored for a question without sentiment (before its flag was turned off) is no guide.
    scored = {q.id for q in definition.questions if scores_sentiment(q)}
    items = [_item(row, row[0] in scored) for row in session.execute(ordered)]
    return items, total


def _select(
    consultation: Consultation, definition: Definition, query: FreeTextQuery, response_filter: ResponseFilter
) -> Select[Any]:
    allowed = text_question_ids(definition)
    question_ids = [qid for qid in query.question_ids if qid in allowed] or allowed
    statement = (
        select(Answer.question_id, Answer.text, Response.reference, Response.channel, Response.submitted_at,
               Answer.urgent, Answer.risk_categories, Answer.sentiment_compound,
               Answer.sentiment_polarity, Answer.personal_data, Answer.personal_data_reviewed_at,
               Response.language)
        .join(Response, Response.id == Answer.response_id)
        .where(Answer.consultation_id == consultation.id, Answer.question_id.in_(question_ids),
               Answer.text.is_not(None), Answer.text != "")
    )
    if query.hide_unreviewed_personal_data:
        statement = statement.where(quotable())
    if query.urgent_only:
        statement = statement.where(Answer.urgent.is_(True))
    if query.sentiment == "positive":
        statement = statement.where(Answer.sentiment_compound >= POSITIVE_THRESHOLD)
    elif query.sentiment == "negative":
        statement = statement.where(Answer.sentiment_compound <= NEGATIVE_THRESHOLD)
    elif query.sentiment == "neutral":
        statement = statement.where(Answer.sentiment_compound > NEGATIVE_THRESHOLD,
                                    Answer.sentiment_compound < POSITIVE_THRESHOLD)
    words = query.contains.strip()
    if words:
        escaped = words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        statement = statement.where(or_(Answer.text.ilike(f"%{escaped}%", escape="\\")))
    return restrict_answers(statement, consultation.id, response_filter)


def _item(row: Sequence[Any], scored: bool) -> FreeTextItem:
    question_id, text, reference, channel, submitted_at, urgent, risks, compound, polarity = row[:9]
    found, reviewed, written_in = row[9:]
    if not scored:
        compound = polarity = None
    return FreeTextItem(
        question_id=question_id, text=text, reference=reference, channel=getattr(channel, "value", channel),
        submitted_at=submitted_at, urgent=bool(urgent),
        risk_categories=tuple(risks.split(",")) if risks else (), compound=compound, polarity=polarity,
        personal_data=unreviewed_kinds(found, reviewed), language=written_in or "en",
    )
