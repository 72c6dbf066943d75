"""The kept tallies (``survey.tallies``): per consultation, question, option and rank, the counts and
sums an unfiltered report needs, so that it reads a few thousand rows whatever the number of
responses; and the same per day, so that a report of some days reads only those days' rows.

A change to the answers writes :class:`TallyDelta` rows only (inserts: concurrent submits never wait
on each other's counters); a worker job folds them into :class:`TallyTotal` and :class:`TallyDay`
every minute. A report reads the totals (or the days it covers) plus the deltas not folded yet. A
response counts on the UK local day it was submitted. Keys never hold NULL, so that a total's key is its
primary key on every database: an answer with no option is stored under the option ``""``, with no
rank under rank ``0``, and the count of responses under the question ``""``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Float, ForeignKey, Index, Integer, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from survey.storage.models.base import Base
from survey.storage.models.core import Answer

#: The measures kept per key, all additive; counts first, then sums of floats.
COUNT_MEASURES = (
    "parts",
    "respondents",
    "responses",
    "number_n",
    "pins",
    "described",
    "scored",
    "positive",
    "negative",
    "polarity_n",
    "subjectivity_n",
)
SUM_MEASURES = ("number_sum", "compound_sum", "polarity_sum", "subjectivity_sum")
MEASURES = COUNT_MEASURES + SUM_MEASURES


class _TallyColumns:
    """The key and the measures, shared by the deltas and the totals."""

    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultation.id", ondelete="CASCADE"))

    question_id: Mapped[str] = mapped_column(String(63))
    option: Mapped[str] = mapped_column(String(63))
    rank: Mapped[int] = mapped_column(SmallInteger)
    # Answer rows under this key.
    parts: Mapped[int] = mapped_column(Integer, default=0)
    # The rest are kept under the question's own key (option "", rank 0), or the consultation's
    # (question ""): distinct respondents to the question, and the response count.
    respondents: Mapped[int] = mapped_column(Integer, default=0)
    responses: Mapped[int] = mapped_column(Integer, default=0)
    number_n: Mapped[int] = mapped_column(Integer, default=0)
    number_sum: Mapped[float] = mapped_column(Float, default=0.0)
    pins: Mapped[int] = mapped_column(Integer, default=0)
    described: Mapped[int] = mapped_column(Integer, default=0)
    scored: Mapped[int] = mapped_column(Integer, default=0)
    positive: Mapped[int] = mapped_column(Integer, default=0)
    negative: Mapped[int] = mapped_column(Integer, default=0)
    compound_sum: Mapped[float] = mapped_column(Float, default=0.0)
    polarity_n: Mapped[int] = mapped_column(Integer, default=0)
    polarity_sum: Mapped[float] = mapped_column(Float, default=0.0)
    subjectivity_n: Mapped[int] = mapped_column(Integer, default=0)
    subjectivity_sum: Mapped[float] = mapped_column(Float, default=0.0)


class TallyDelta(_TallyColumns, Base):
    """A change to a consultation's tallies, written in the transaction that changed its answers."""

    __tablename__ = "tally_delta"
    __table_args__ = (Index("ix_tally_delta_consultation", "consultation_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    day: Mapped[dt.date] = mapped_column(Date)


class TallyTotal(_TallyColumns, Base):
    """A consultation's folded tallies, one row per question, option and rank."""

    __tablename__ = "tally_total"

    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultation.id", ondelete="CASCADE"), primary_key=True
    )
    question_id: Mapped[str] = mapped_column(String(63), primary_key=True)
    option: Mapped[str] = mapped_column(String(63), primary_key=True)
    rank: Mapped[int] = mapped_column(SmallInteger, primary_key=True)


class TallyDay(_TallyColumns, Base):
    """A consultation's folded tallies of one day's responses, one row per question, option and rank."""

    __tablename__ = "tally_day"

    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultation.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    question_id: Mapped[str] = mapped_column(String(63), primary_key=True)
    option: Mapped[str] = mapped_column(String(63), primary_key=True)
    rank: Mapped[int] = mapped_column(SmallInteger, primary_key=True)


# The lowest and highest number and the earliest and latest date answered to a question cannot be
# kept under deletion, so a report reads them with one seek each of these (answers without a number
# or a date are left out of them: most answers have neither, and a submit writes less).
Index(
    "ix_answer_number",
    Answer.consultation_id,
    Answer.question_id,
    Answer.number,
    postgresql_where=Answer.number.is_not(None),
    sqlite_where=Answer.number.is_not(None),
)
Index(
    "ix_answer_date",
    Answer.consultation_id,
    Answer.question_id,
    Answer.date,
    postgresql_where=Answer.date.is_not(None),
    sqlite_where=Answer.date.is_not(None),
)
