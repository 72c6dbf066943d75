"""What a published snapshot stores, and what earlier snapshots mean for figures published now.

A snapshot (``ResultsPublication.snapshot_json``) is one JSON document: the public ``report`` as
published, the ``disclosure`` that made it (:meth:`analysis.disclosure.Publication.as_json`: every
figure, ``[c]`` ones as ``null``, and the sums that link them) and what was ``counted`` (how many
responses, and the newest response's id). A later publication of the same consultation is protected
together with every snapshot made before it, withdrawn ones included (a reader may have kept a copy),
so nothing published later can be set against them to work out a hidden count. Snapshots made before
the document had these parts hold the report alone, and are read as such.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from analysis.disclosure import Publication
from analysis.filters import ResponseFilter, restrict_responses
from analysis.report.models import Report
from survey.publications import publication_history
from survey.storage.models import Consultation, Response


@dataclass(frozen=True)
class Counted:
    """What a snapshot counted: ``responses`` responses, none newer than the response ``through``."""

    responses: int
    through: int


@dataclass(frozen=True)
class EarlierFigures:
    """Earlier publications of a consultation, oldest first, and how figures made now relate to the
    latest: ``left_out`` of its respondents are not counted now and ``added`` respondents counted now
    were not in it (``None``: not known). The arguments :func:`analysis.disclosure.publishable` takes."""

    earlier: tuple[Publication, ...] = ()
    left_out: int | None = 0
    added: int | None = None


def counted_now(session: Session, consultation: Consultation) -> Counted:
    """How many responses the consultation has, and its newest response's id."""
    query = select(func.count(Response.id), func.max(Response.id))
    responses, through = session.execute(query.where(Response.consultation_id == consultation.id)).one()
    return Counted(int(responses or 0), int(through or 0))


def snapshot_text(report: Report, publication: Publication, counted: Counted) -> str:
    """The snapshot document to store for a publication."""
    document = {"report": report.as_json(), "disclosure": publication.as_json(),
                "counted": {"responses": counted.responses, "through": counted.through}}
    return json.dumps(document, ensure_ascii=False) + "\n"


def _document(text: str) -> dict[str, Any]:
    data = json.loads(text)
    return data if "report" in data else {"report": data}


def stored_report(text: str) -> Report:
    """The public report a snapshot holds."""
    return Report.model_validate(_document(text)["report"])


def stored_publication(text: str) -> Publication | None:
    """The disclosure a snapshot was made with (``None`` for a snapshot that did not keep it)."""
    data = _document(text).get("disclosure")
    return None if data is None else Publication.from_json(data)


def stored_counted(text: str) -> Counted | None:
    """What a snapshot counted (``None`` for a snapshot that did not keep it)."""
    data = _document(text).get("counted")
    return None if data is None else Counted(int(data["responses"]), int(data["through"]))


def published_before(
    session: Session, consultation: Consultation, response_filter: ResponseFilter
) -> EarlierFigures:
    """Every snapshot of the consultation so far, and how figures of the responses that pass
    ``response_filter`` now relate to the latest (see :class:`EarlierFigures`)."""
    stored = [(stored_publication(row.snapshot_json), stored_counted(row.snapshot_json))
              for row in publication_history(session, consultation.id)]
    kept = [(publication, counted) for publication, counted in stored if publication is not None]
    if not kept:
        return EarlierFigures()
    earlier = tuple(publication for publication, _counted in kept)
    counted = kept[-1][1]
    if counted is None:
        return EarlierFigures(earlier, left_out=0 if response_filter.is_empty else None)

    def count(newer: bool) -> int:
        query = select(func.count()).select_from(Response).where(
            Response.consultation_id == consultation.id,
            Response.id > counted.through if newer else Response.id <= counted.through)
        return int(session.scalar(restrict_responses(query, consultation.id, response_filter)) or 0)

    return EarlierFigures(earlier, left_out=counted.responses - count(newer=False), added=count(newer=True))
