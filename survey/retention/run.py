"""The retention run: every partnership's data anonymised or deleted once its period has ended.

One call is one unit of work (the caller commits once, or rolls back for a dry run): a run is
all done or not done at all. Run it again and it finds nothing more to do. What it did is recorded
as counts only, in a :class:`RetentionRun` row (the officer page's "last run") and an audit event;
never a reference, an id or a word of what was removed. After the commit, :func:`survey.retention.
files.scrub_files` makes sure the removed words are gone from the database's files too.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from survey.boundary import boundary_of
from survey.officers.audit import record_event
from survey.places.hotspots import grid_for
from survey.retention import anonymise
from survey.retention.policy import DataKind, end_of_day, months_before, periods_of
from survey.storage.models import Partnership, RetentionRun
from survey.vocabulary import DefinitionKind

#: The kinds of response each period covers.
RESPONSE_KINDS = {
    DataKind.FREE_TEXT: DefinitionKind.CONSULTATION,
    DataKind.PLACE_REPORTS: DefinitionKind.PLACE_REPORT,
    DataKind.WORRIES: DefinitionKind.WORRY,
}
RESPONSE_COUNT_KEYS = {
    DataKind.FREE_TEXT: "consultation_responses",
    DataKind.PLACE_REPORTS: "place_reports",
    DataKind.WORRIES: "worries",
}

#: Every count a run reports, in the order it is printed, with its words.
COUNT_LABELS = {
    "consultation_responses": "consultation responses anonymised",
    "place_reports": "place reports anonymised",
    "worries": "worries anonymised",
    "free_text_answers": "free-text answers deleted",
    "pins_coarsened": "map pins moved to the middle of their map square",
    "report_notes": "officers' notes on reports deleted",
    "replies": "replies to reporters deleted",
    "audit_references": "audit log entries now naming a report by its anonymous reference",
    "held_messages": "held chat messages deleted",
    "saved_progress": "saved answers past their expiry deleted",
    "tension_narratives": "tension narratives deleted",
    "audit_events": "audit log entries deleted",
}
RUN_ACTION = "retention_run"


@dataclass(frozen=True)
class PartnershipOutcome:
    """What one run did for one partnership (counts only)."""

    slug: str
    name: str
    counts: dict[str, int]

    @property
    def changed(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class RunOutcome:
    as_of: dt.date
    partnerships: list[PartnershipOutcome] = field(default_factory=list)
    check_failures: int = 0

    @property
    def changed(self) -> int:
        return sum(outcome.changed for outcome in self.partnerships) + self.check_failures


def run_retention(
    session: Session, *, as_of: dt.date, public_cell_m: int, via: str, now: dt.datetime | None = None
) -> RunOutcome:
    """Anonymise or delete everything whose period ended on or before ``as_of``, for every partnership.

    ``public_cell_m``: the public map's square size (settings), the grid pins are coarsened to.
    ``via``: who ran it ("cli" or "worker"), for the audit event. Flushes; the caller commits.
    """
    outcomes = []
    for partnership in session.scalars(select(Partnership).order_by(Partnership.id)):
        counts = _run_for(session, partnership, as_of, public_cell_m)
        session.add(RetentionRun(partnership_id=partnership.id, as_of=as_of, counts=counts))
        record_event(
            session,
            partnership_id=partnership.id,
            action=RUN_ACTION,
            target_type="partnership",
            target_id=partnership.id,
            details={"as_of": as_of.isoformat(), "via": via, **counts},
        )
        outcomes.append(PartnershipOutcome(partnership.slug, partnership.name, counts))
    check_failures = anonymise.delete_old_check_failures(session, as_of)
    session.flush()
    return RunOutcome(as_of, outcomes, check_failures)


def _run_for(
    session: Session, partnership: Partnership, as_of: dt.date, public_cell_m: int
) -> dict[str, int]:
    periods = periods_of(session, partnership)
    grid = grid_for(boundary_of(partnership), public_cell_m)
    counts: Counter[str] = Counter()
    for kind, definition_kind in RESPONSE_KINDS.items():
        stored_before = end_of_day(months_before(as_of, periods.months(kind)))
        ids = list(session.scalars(anonymise.due_responses(partnership.id, definition_kind, stored_before)))
        counts[RESPONSE_COUNT_KEYS[kind]] = len(ids)
        counts.update(anonymise.anonymise_responses(session, ids, grid))
    worries_before = end_of_day(months_before(as_of, periods.months(DataKind.WORRIES)))
    counts["held_messages"] = anonymise.delete_held_messages(session, partnership.id, worries_before)
    counts["saved_progress"] = anonymise.delete_expired_saved_progress(
        session, partnership.id, end_of_day(as_of - dt.timedelta(days=1))
    )
    counts["tension_narratives"] = anonymise.clear_tension_narratives(
        session, partnership.id, months_before(as_of, periods.months(DataKind.TENSION_NARRATIVES))
    )
    counts["audit_events"] = anonymise.delete_audit_events(
        session, partnership.id, end_of_day(months_before(as_of, periods.months(DataKind.AUDIT_LOG)))
    )
    return {key: int(counts[key]) for key in COUNT_LABELS}


def last_run(session: Session, partnership_id: int) -> RetentionRun | None:
    """The partnership's most recent retention run, or None if none has run."""
    return session.scalar(
        select(RetentionRun)
        .where(RetentionRun.partnership_id == partnership_id)
        .order_by(RetentionRun.ran_at.desc(), RetentionRun.id.desc())
        .limit(1)
    )
