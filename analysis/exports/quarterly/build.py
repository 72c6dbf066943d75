"""The quarterly board update as a board paper (:class:`analysis.exports.paper.model.Paper`): the
same cover, marking on every page, contents and "Page N of M" as the consultation papers, rendered by
the same PDF and Word renderers.

Sections: a summary (actions by status at the end of the quarter, overdue actions, changes in the
quarter); then one section per priority: what residents said about it (its ranked issue), its actions
with their status at the end of the quarter, and what changed in the quarter (each progress update
and status change dated in it); then what the statuses mean.

The officer update (OFFICIAL-SENSITIVE unless marked OFFICIAL) has every action with its lead, and
every update. The public one (OFFICIAL) has only what residents may read: each action's summary for
residents and its status, the updates marked public, and published (protected) consultation figures.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter

from sqlalchemy.orm import Session

from analysis.exports.dates import date_in_words, moment_in_words
from analysis.exports.marking import Classification, classification_for, handling_note
from analysis.exports.paper.model import Block, Bullets, Cover, Heading, Paper, Table, Text
from analysis.exports.quarterly.quarter import Quarter
from analysis.exports.quarterly.residents import report_reader, residents_said
from survey.plans import store
from survey.storage.models import ActionUpdate, Partnership, PlanAction, PlanPriority
from survey.vocabulary import RagStatus

TITLE = "Community safety action plan"
RAG_MEANINGS = (
    "Red: off track; the action will not be delivered as planned without help from the board.",
    "Amber: at risk; there are problems the lead is working through.",
    "Green: on track to be delivered by its due date.",
    "Complete: delivered.",
)


def build_board_update(
    session: Session, partnership: Partnership, quarter: Quarter, *, public: bool = False,
    classification: Classification | str | None = None, now: dt.datetime | None = None,
) -> Paper:
    """The partnership's board update for ``quarter``. Raises ``ValueError`` for a public update
    marked OFFICIAL-SENSITIVE."""
    marking = classification_for(public, classification)
    now = now or dt.datetime.now(dt.UTC)
    plan = store.priorities(session, partnership.id)
    kind = f"Quarterly board update, {quarter.months}" + (" (public)" if public else "")
    cover = Cover(title=TITLE, kind=kind, partnership=partnership.name, period=quarter.period,
                  date=date_in_words(now.date()), classification=marking,
                  handling=_handling(public, marking, partnership.name),
                  details=(f"Quarter {quarter.code}", f"Produced {moment_in_words(now)}"))
    read = report_reader(session, public=public)
    detail: list[Block] = []
    for priority in plan:
        detail += _priority(priority, quarter, public, residents_said(priority, read))
    detail += [Heading("What the statuses mean", 1), Bullets(RAG_MEANINGS)]
    return Paper(cover=cover, summary=tuple(_summary(plan, quarter, public)), detail=tuple(detail))


def _handling(public: bool, marking: Classification, partnership: str) -> str:
    if public:
        return ("For publishing: each action's summary for residents and its status, the progress updates "
                "marked public, and published consultation figures (counts from 1 to 9 are not shown "
                "([c]) and other counts are rounded to the nearest 5).")
    return handling_note(False, marking, partnership)


def _shown(action: PlanAction, public: bool) -> bool:
    return not public or bool(action.public_summary)


def _updates(action: PlanAction, quarter: Quarter, public: bool) -> list[ActionUpdate]:
    return [update for update in action.updates if quarter.first <= update.made_on <= quarter.last
            and (update.public or not public)]


def _summary(plan: list[PlanPriority], quarter: Quarter, public: bool) -> list[Block]:
    actions = [action for priority in plan for action in priority.actions if _shown(action, public)]
    statuses = Counter(store.status_on(action, quarter.last) for action in actions)
    overdue = [a for a in actions if a.due_on is not None and a.due_on <= quarter.last
               and store.status_on(a, quarter.last) is not RagStatus.COMPLETE]
    updates = [u for action in actions for u in _updates(action, quarter, public)]
    changes = [u for u in updates if u.previous_status is not None and u.previous_status != u.status]
    rows = tuple((status.label, str(statuses.get(status, 0))) for status in RagStatus)
    return [
        Heading("Summary", 1),
        Text(f"{_count(len(actions), 'action')} under {_count(len(plan), 'priority')} at the end of the "
             f"quarter ({date_in_words(quarter.last)}).", "lead"),
        Table("Actions by status at the end of the quarter", ("Status", "Actions"),
              (*rows, ("Total", str(len(actions))))),
        Bullets((f"{_count(len(overdue), 'action')} past {'its' if len(overdue) == 1 else 'their'} due date "
                 "and not complete at the end of the quarter.",
                 f"{_count(len(changes), 'status change')} and {_count(len(updates), 'progress update')} "
                 "in the quarter.")),
    ]


def _count(number: int, word: str) -> str:
    if number == 1:
        return f"1 {word}"
    return f"{number} {word[:-1] + 'ies' if word.endswith('y') else word + 's'}"


def _priority(priority: PlanPriority, quarter: Quarter, public: bool, said: list[str]) -> list[Block]:
    blocks: list[Block] = [Heading(priority.title, 1)]
    if priority.description:
        blocks.append(Text(priority.description))
    blocks.append(Heading("What residents said", 3))
    blocks += [Text(line) for line in said] or [Text("This priority is not linked to an issue residents "
                                                     "ranked in a consultation.")]
    actions = [action for action in priority.actions if _shown(action, public)]
    blocks.append(Heading("Actions", 3))
    if actions:
        blocks.append(_actions_table(priority, actions, quarter, public))
    else:
        blocks.append(Text("There are no actions under this priority yet." if not public else
                           "There is no summary for residents of this priority's actions yet."))
    hidden = len(priority.actions) - len(actions)
    if public and hidden and actions:
        blocks.append(Text(f"{_count(hidden, 'action')} without a summary for residents "
                           f"{'is' if hidden == 1 else 'are'} not listed.", "note"))
    blocks.append(Heading("What changed this quarter", 3))
    changed = [(action, update) for action in actions for update in _updates(action, quarter, public)]
    changed.sort(key=lambda pair: (pair[1].made_on, pair[1].id))
    if changed:
        blocks.append(Bullets(tuple(_change(action, update, public) for action, update in changed)))
    else:
        blocks.append(Text("No progress updates were recorded in the quarter."))
    return blocks


def _actions_table(
    priority: PlanPriority, actions: list[PlanAction], quarter: Quarter, public: bool
) -> Table:
    def status(action: PlanAction, day: dt.date = quarter.last) -> str:
        return store.status_on(action, day).label

    def due(action: PlanAction) -> str:
        if action.due_on is None:
            return "No date set"
        late = action.due_on <= quarter.last and status(action) != RagStatus.COMPLETE.label
        return date_in_words(action.due_on) + (" (overdue)" if late else "")

    caption = f"Actions under {priority.title}"
    if public:
        return Table(caption, ("Action", "Due", "Status"),
                     tuple((a.public_summary, due(a), status(a)) for a in actions))
    before = quarter.first - dt.timedelta(days=1)
    return Table(caption, ("Action", "Lead", "Due", "Status", "Status a quarter ago"),
                 tuple((a.description, a.lead or "Not set", due(a), status(a), status(a, before))
                       for a in actions))


def _change(action: PlanAction, update: ActionUpdate, public: bool) -> str:
    name = action.public_summary if public else action.description
    if update.previous_status is not None and update.previous_status != update.status:
        status = f"{update.status.label} (was {update.previous_status.label})"
    else:
        status = f"still {update.status.label}"
    return f"{date_in_words(update.made_on)}, {name}: {status}. {update.text}"
