"""The one door through which every change to stored answers reaches the kept tallies.

Every path that stores, changes or removes answer rows (a submit in any channel, an import, a
deletion, redaction, retention, sentiment scoring) calls :func:`add_to_tallies` in the same
transaction, so the kept counts can never disagree with the answers they summarise.

(Interface written first by the lead so that several parts can be built at once; the body is
filled in by the kept-tallies work.)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy.orm import Session

#: The answer columns a tally reads; ``rows`` given to :func:`add_to_tallies` carry at least these.
TALLIED_COLUMNS = (
    "response_id", "question_id", "option", "rank", "number", "date", "text", "latitude",
    "sentiment_compound", "sentiment_polarity", "sentiment_subjectivity",
)


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
