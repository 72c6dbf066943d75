"""The one door through which every change to stored answers reaches the kept tallies.

Every path that stores, changes or removes answer rows (a submit in any channel, an import, a
deletion, redaction, retention, sentiment scoring) calls :func:`add_to_tallies` in the same
transaction, so the kept counts can never disagree with the answers they summarise.

A change is written as delta rows only (``survey.storage.models.TallyDelta``): inserts, which take
no lock another submit waits for, however many respondents choose the same option at once. The
worker folds them into the totals every minute (:func:`survey.tallies.fold.fold_tallies`).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, event, func, insert, select
from sqlalchemy.orm import Session

from survey.storage.models import Answer, Response
from survey.storage.models.tallies import COUNT_MEASURES, SUM_MEASURES, TallyDelta

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

Key = tuple[str, str, int]

# The bounds of VADER's labels, as survey.responses.sentiment has them (a test holds them equal):
# repeated, not imported, because survey.responses stores through this module and the packages of
# survey may not import each other both ways.
POSITIVE_THRESHOLD = 0.05
NEGATIVE_THRESHOLD = -0.05


def key_of(question_id: str, option: str | None, rank: int | None) -> Key:
    """The tally key of an answer part."""
    return (question_id, NO_OPTION if option is None else option, NO_RANK if rank is None else rank)


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
    was and stored as it is now); ``responses`` is the change in the number of responses.
    Flushes, never commits: the caller's transaction holds it.
    """
    if sign not in (1, -1):
        raise ValueError("sign must be 1 or -1")
    _write(session, consultation_id, tally_changes(rows, sign=sign, responses=responses))


def _write(session: Session, consultation_id: int, changes: Mapping[Key, Mapping[str, Any]]) -> None:
    _insert(session, consultation_id, changes)
    session.flush()


def _insert(
    executor: Session | Connection, consultation_id: int, changes: Mapping[Key, Mapping[str, Any]]
) -> None:
    if changes:
        executor.execute(
            insert(TallyDelta),
            [
                {
                    "consultation_id": consultation_id,
                    "question_id": question_id,
                    "option": option,
                    "rank": rank,
                    **measures,
                }
                for (question_id, option, rank), measures in changes.items()
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
    changes = tally_changes(before, sign=-1)
    for key, measures in tally_changes(after).items():
        known = changes.setdefault(key, dict.fromkeys(measures, 0))
        for name, value in measures.items():
            known[name] += value
    _write(session, consultation_id, {key: m for key, m in changes.items() if any(m.values())})


def remove_responses(session: Session, response_ids: Iterable[int]) -> None:
    """Take responses about to be deleted, with all their answers, out of their consultations' tallies.

    Deleting a response through the session (``session.delete(response)``: a withdrawal, an officer's
    deletion) does this by itself (:func:`_deleted_responses_leave_the_tallies`); a bulk ``DELETE``
    statement must call it first."""
    _remove_responses(session.connection(), list(response_ids))
    session.flush()


def _remove_responses(connection: Connection, ids: list[int]) -> None:
    answer, response = Answer.__table__, Response.__table__
    by_consultation: dict[int, list[Mapping[str, Any]]] = defaultdict(list)
    responses: dict[int, int] = defaultdict(int)
    for start in range(0, len(ids), 500):  # a bounded IN list on every database
        batch = ids[start : start + 500]
        for consultation_id, n in connection.execute(
            select(response.c.consultation_id, func.count())
            .where(response.c.id.in_(batch))
            .group_by(response.c.consultation_id)
        ):
            responses[consultation_id] += n
        rows = connection.execute(
            select(answer.c.consultation_id, *(answer.c[column] for column in TALLIED_COLUMNS)).where(
                answer.c.response_id.in_(batch)
            )
        ).mappings()
        for row in rows:
            by_consultation[row["consultation_id"]].append(row)
    for consultation_id, n in responses.items():
        changes = tally_changes(by_consultation[consultation_id], sign=-1, responses=-n)
        _insert(connection, consultation_id, changes)


@event.listens_for(Session, "before_flush")
def _deleted_responses_leave_the_tallies(session: Session, _context: object, _instances: object) -> None:
    """Whatever deletes a response through a session takes it out of the tallies in the same flush,
    before its answers go with it (ON DELETE CASCADE)."""
    deleted = [obj.id for obj in session.deleted if isinstance(obj, Response) and obj.id is not None]
    if deleted:
        _remove_responses(session.connection(), deleted)


def tally_changes(
    rows: Iterable[Mapping[str, Any]], *, sign: int = 1, responses: int = 0
) -> dict[Key, dict[str, Any]]:
    """What ``rows`` add to (``sign`` +1) or take from (-1) each key's measures; keys whose
    measures all come to nothing are left out."""
    counts: dict[Key, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COUNT_MEASURES, 0))
    sums: dict[Key, dict[str, list[float]]] = defaultdict(lambda: {m: [] for m in SUM_MEASURES})
    pairs: set[tuple[Any, str]] = set()
    for row in rows:
        question_id = row["question_id"]
        counts[key_of(question_id, row["option"], row["rank"])]["parts"] += sign
        pairs.add((row["response_id"], question_id))
        _add_question_measures(
            counts[key_of(question_id, None, None)], sums[key_of(question_id, None, None)], row, sign
        )
    # Distinct respondents: one per response and question, however many parts the answer has.
    for _response_id, question_id in pairs:
        counts[key_of(question_id, None, None)]["respondents"] += sign
    if responses:
        counts[(CONSULTATION, NO_OPTION, NO_RANK)]["responses"] += responses
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
