"""The one door through which every change to stored answers reaches the kept tallies.

Every path that stores, changes or removes answer rows (a submit in any channel, an import, a
deletion, redaction, retention, sentiment scoring) calls :func:`add_to_tallies` in the same
transaction, so the kept counts can never disagree with the answers they summarise.

A change is written as delta rows only (``survey.storage.models.TallyDelta``): inserts, which take
no lock another submit waits for, however many respondents choose the same option at once. The
worker folds them into the totals every minute (:func:`survey.tallies.fold.fold_tallies`). Each
change counts on the UK local day its response was submitted (``survey.tallies.days``), so a report
of some days reads only theirs.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, insert
from sqlalchemy.orm import Session

from survey.storage.models.tallies import COUNT_MEASURES, SUM_MEASURES, TallyDelta
from survey.tallies.days import response_days

#: The answer columns a tally reads; ``rows`` given to :func:`add_to_tallies` carry at least these.
TALLIED_COLUMNS = (
    "response_id",
    "question_id",
    "option",
    "rank",
    "number",
    "date",
    "text",
    "latitude",
    "sentiment_compound",
    "sentiment_polarity",
    "sentiment_subjectivity",
)

NO_OPTION = ""
"""The option of a key for an answer part with none (keys never hold NULL)."""
NO_RANK = 0
"""The rank of a key for an answer part with none (ranks start at 1)."""
CONSULTATION = ""
"""The question of the key that holds the consultation's response count."""

Key = tuple[dt.date, str, str, int]
"""A delta's key: the day, the question, the option and the rank."""

# The bounds of VADER's labels, as survey.responses.sentiment has them (a test holds them equal):
# repeated, not imported, because survey.responses stores through this module and the packages of
# survey may not import each other both ways.
POSITIVE_THRESHOLD = 0.05
NEGATIVE_THRESHOLD = -0.05


def key_of(day: dt.date, question_id: str, option: str | None, rank: int | None) -> Key:
    """The tally key of an answer part of a response submitted on ``day``."""
    return (day, question_id, NO_OPTION if option is None else option, NO_RANK if rank is None else rank)


def tallied(answer: Any) -> dict[str, Any]:
    """An answer row (a model or a mapping) as the mapping :func:`add_to_tallies` takes."""
    if isinstance(answer, Mapping):
        return {column: answer.get(column) for column in TALLIED_COLUMNS}
    return {column: getattr(answer, column) for column in TALLIED_COLUMNS}


def add_to_tallies(
    session: Session,
    consultation_id: int,
    rows: Iterable[Mapping[str, Any]],
    *,
    sign: int = 1,
    responses: int = 0,
) -> None:
    """Record the change that ``rows`` make to the consultation's kept tallies.

    ``rows`` are answer rows as mappings of column name to value (:data:`TALLIED_COLUMNS`);
    ``sign`` is +1 as they are stored and -1 as they are removed (a changed row is removed as it
    was and stored as it is now); ``responses`` is the change in the number of responses, which
    must be the responses ``rows`` belong to (each counts on its own day). Rows changed in place
    (a rescore) are recorded in one go, with fewer delta rows, by :func:`change_in_tallies`.
    Flushes, never commits: the caller's transaction holds it.
    """
    if sign not in (1, -1):
        raise ValueError("sign must be 1 or -1")
    rows = list(rows)
    days = response_days(session, (row["response_id"] for row in rows))
    counted = sorted(days) if responses else []
    if len(counted) != abs(responses) or responses * sign < 0:
        # Which day a response counts on comes from its answers; store_response and the import
        # count responses with no answers through record_changes.
        raise ValueError("responses must be the responses of rows, counted with the rows' sign")
    record_changes(session, consultation_id, tally_changes(rows, days, sign=sign, responses=counted))
    session.flush()


def record_changes(
    executor: Session | Connection, consultation_id: int, changes: Mapping[Key, Mapping[str, Any]]
) -> None:
    """Write :func:`tally_changes` as delta rows (no flush: a flush may be under way)."""
    if changes:
        executor.execute(
            insert(TallyDelta),
            [
                {
                    "consultation_id": consultation_id,
                    "day": day,
                    "question_id": question_id,
                    "option": option,
                    "rank": rank,
                    **measures,
                }
                for (day, question_id, option, rank), measures in changes.items()
            ],
        )


def change_in_tallies(
    session: Session,
    consultation_id: int,
    before: Iterable[Mapping[str, Any]],
    after: Iterable[Mapping[str, Any]],
) -> None:
    """Record answer rows changed from ``before`` to ``after`` (the same rows, as they were and as
    they are): one set of delta rows for the difference, none where nothing counted changed."""
    before, after = list(before), list(after)
    days = response_days(session, (row["response_id"] for row in before + after))
    changes = tally_changes(before, days, sign=-1)
    for key, measures in tally_changes(after, days).items():
        known = changes.setdefault(key, dict.fromkeys(measures, 0))
        for name, value in measures.items():
            known[name] += value
    record_changes(session, consultation_id, {key: m for key, m in changes.items() if any(m.values())})
    session.flush()


def tally_changes(
    rows: Iterable[Mapping[str, Any]],
    days: Mapping[int, dt.date],
    *,
    sign: int = 1,
    responses: Iterable[int] = (),
) -> dict[Key, dict[str, Any]]:
    """What ``rows`` add to (``sign`` +1) or take from (-1) each key's measures, each on its
    response's day (``days``: response id to day), with ``responses`` (ids) counted once each;
    keys whose measures all come to nothing are left out."""
    counts: dict[Key, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COUNT_MEASURES, 0))
    sums: dict[Key, dict[str, list[float]]] = defaultdict(lambda: {m: [] for m in SUM_MEASURES})
    pairs: set[tuple[Any, str]] = set()
    for row in rows:
        day, question_id = days[row["response_id"]], row["question_id"]
        counts[key_of(day, question_id, row["option"], row["rank"])]["parts"] += sign
        pairs.add((row["response_id"], question_id))
        question = key_of(day, question_id, None, None)
        _add_question_measures(counts[question], sums[question], row, sign)
    # Distinct respondents: one per response and question, however many parts the answer has.
    for response_id, question_id in pairs:
        counts[key_of(days[response_id], question_id, None, None)]["respondents"] += sign
    for response_id in responses:
        counts[key_of(days[response_id], CONSULTATION, None, None)]["responses"] += sign
    changes: dict[Key, dict[str, Any]] = {}
    for key in counts.keys() | sums.keys():
        # fsum: a changed row taken away and put back comes to exactly nothing.
        measures: dict[str, Any] = {**dict.fromkeys(COUNT_MEASURES, 0), **dict.fromkeys(SUM_MEASURES, 0.0)}
        measures.update(counts.get(key, {}))
        measures.update({m: math.fsum(terms) for m, terms in sums.get(key, {}).items()})
        if any(measures.values()):
            changes[key] = measures
    return changes


def _add_question_measures(
    counts: dict[str, int], sums: dict[str, list[float]], row: Mapping[str, Any], sign: int
) -> None:
    number = row["number"]
    if number is not None:
        counts["number_n"] += sign
        sums["number_sum"].append(sign * float(number))
    if row["latitude"] is not None:
        counts["pins"] += sign
    if row["text"] is not None:
        counts["described"] += sign
    compound = row["sentiment_compound"]
    if compound is not None:
        counts["scored"] += sign
        counts["positive"] += sign if compound >= POSITIVE_THRESHOLD else 0
        counts["negative"] += sign if compound <= NEGATIVE_THRESHOLD else 0
        sums["compound_sum"].append(sign * float(compound))
    for measure in ("polarity", "subjectivity"):
        value = row[f"sentiment_{measure}"]
        if value is not None:
            counts[f"{measure}_n"] += sign
            sums[f"{measure}_sum"].append(sign * float(value))
