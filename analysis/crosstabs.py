"""Cross-tabs: how the answers to one question differ between the groups of an "about you" question.

Partnerships must look for disproportionate impact ("do young women feel less safe after dark?"), so
each cell is a percentage of its **group's base** (the people in that group who answered the
question) with a 95% Wilson interval (:func:`analysis.intervals.wilson_interval`): with groups of a
few dozen people the interval is wide, and an officer should see that before drawing a conclusion.

A ranking question is cross-tabbed by who put each option **first**; a multiple-choice question by who
chose each option (so a column can add up to more than 100%). Respondents who did not answer the
"about you" question are in no column. A table is *additive* (each respondent in exactly one cell)
only for a single-choice or scale question by a single-choice group; only additive tables can be
published with secondary suppression (:func:`public_table`).

The public figures break questions down by group through :func:`breakdown_counts`, which adds a
column for the people who answered the question but not the group question, so each row adds up to
the question's own count (:mod:`analysis.disclosure.publication` protects them all together);
:func:`public_breakdowns` says which are published.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import and_, distinct, func, select
from sqlalchemy.orm import Session, aliased

from analysis.disclosure import NOT_STATED, BreakdownCounts, ProtectedTable, protect_table
from analysis.filters import NO_FILTER, ResponseFilter, filtered_response_ids
from analysis.intervals import percent, round_half_up, wilson_interval
from survey.definitions.definition import Definition, Question
from survey.question_types import Tally, kinds_that_tally
from survey.storage.models import Answer, Consultation

CROSSTAB_TYPES = kinds_that_tally(Tally.ONE_OPTION, Tally.OPTIONS, Tally.RANKS, Tally.SCALE)
BREAKDOWN_GROUPS = ("about_age_band", "about_gender", "about_ethnicity", "about_disability", "about_area")
"""The groups questions are broken down by (the main equality groups, and the ward), when asked."""


class CrosstabError(ValueError):
    """A cross-tab that cannot be made, in words an officer can act on."""


@dataclass(frozen=True)
class CrosstabCell:
    count: int
    base: int
    """The group's base: its respondents who answered the question."""
    percent: float
    low: float | None
    """Lower end of the 95% Wilson interval, as a percentage (one decimal); ``None`` with no base."""
    high: float | None


@dataclass(frozen=True)
class Crosstab:
    question_id: str
    question_text: str
    by_id: str
    by_text: str
    rows: tuple[tuple[str, str], ...]
    """The question's options as ``(value, label)``."""
    columns: tuple[tuple[str, str], ...]
    """The groups as ``(value, label)``."""
    cells: dict[tuple[str, str], CrosstabCell]
    """``cells[(row_value, column_value)]``."""
    column_bases: dict[str, int]
    additive: bool
    first_only: bool
    """True for a ranking question: the rows count who put the option first."""

    def cell(self, row: str, column: str) -> CrosstabCell:
        return self.cells[(row, column)]


def crosstab(
    session: Session,
    consultation: Consultation,
    definition: Definition,
    question_id: str,
    by_id: str,
    response_filter: ResponseFilter = NO_FILTER,
) -> Crosstab:
    """Cross-tab ``question_id`` by the groups of the "about you" question ``by_id``."""
    question, by = _questions(definition, question_id, by_id)
    answer, group = aliased(Answer), aliased(Answer)
    joined = (
        select(group.option, answer.option, func.count(distinct(answer.response_id)))
        .join(group, group.response_id == answer.response_id)
        .where(answer.consultation_id == consultation.id, answer.question_id == question_id,
               group.consultation_id == consultation.id, group.question_id == by_id)
    )
    bases_query = (
        select(group.option, func.count(distinct(answer.response_id)))
        .join(group, group.response_id == answer.response_id)
        .where(answer.consultation_id == consultation.id, answer.question_id == question_id,
               group.consultation_id == consultation.id, group.question_id == by_id)
    )
    first_only = question.tally == Tally.RANKS
    if first_only:
        joined = joined.where(answer.rank == 1)
    ids = filtered_response_ids(consultation.id, response_filter)
    if ids is not None:
        joined, bases_query = (q.where(answer.response_id.in_(ids)) for q in (joined, bases_query))
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for column, row, n in session.execute(joined.group_by(group.option, answer.option)):
        counts[(row, column)] = int(n)
    column_bases = {column: int(n) for column, n in session.execute(bases_query.group_by(group.option))}
    rows = tuple((o.value, o.label) for o in question.all_options)
    columns = tuple((o.value, o.label) for o in by.all_options)
    cells = {}
    for row, _label in rows:
        for column, _group_label in columns:
            cells[(row, column)] = _cell(counts[(row, column)], column_bases.get(column, 0))
    return Crosstab(
        question_id=question.id, question_text=question.text, by_id=by.id, by_text=by.text, rows=rows,
        columns=columns, cells=cells, column_bases={c: column_bases.get(c, 0) for c, _l in columns},
        additive=question.tally in (Tally.ONE_OPTION, Tally.SCALE) and by.tally == Tally.ONE_OPTION,
        first_only=first_only,
    )


def _cell(count: int, base: int) -> CrosstabCell:
    if base == 0:
        return CrosstabCell(count=count, base=0, percent=0.0, low=None, high=None)
    low, high = wilson_interval(count, base)
    return CrosstabCell(count=count, base=base, percent=percent(count, base),
                        low=round_half_up(low * 100), high=round_half_up(high * 100))


def _questions(definition: Definition, question_id: str, by_id: str) -> tuple[Question, Question]:
    try:
        question, by = definition.question(question_id), definition.question(by_id)
    except KeyError as error:
        raise CrosstabError(str(error.args[0])) from None
    if question.type not in CROSSTAB_TYPES:
        raise CrosstabError(f"Question '{question_id}' is {question.type.replace('_', ' ')}: "
                            "only choice, ranking and scale questions can be cross-tabbed")
    if not getattr(by, "about_you", False):
        raise CrosstabError(f"Question '{by_id}' is not an 'about you' question")
    return question, by


def public_table(table: Crosstab) -> ProtectedTable:
    """The cross-tab's counts with the 10-5 rule and secondary suppression applied.

    Only additive tables can be protected this way (a respondent counted in two cells would make the
    totals wrong and the suppression unsound); others raise :class:`CrosstabError`.
    """
    if not table.additive:
        raise CrosstabError(
            "Only a single-choice or scale question by a single-choice group can be published"
        )
    matrix = [[table.cell(row, column).count for column, _l in table.columns] for row, _label in table.rows]
    return protect_table(matrix, row_labels=[label for _v, label in table.rows],
                         columns=[label for _v, label in table.columns])


def public_breakdowns(definition: Definition) -> list[tuple[str, str]]:
    """``(question, group)`` pairs the public figures break down: every feelings-of-safety (scale)
    question by each of :data:`BREAKDOWN_GROUPS` the consultation asks."""
    ids = {question.id for question in definition.questions}
    groups = [group for group in BREAKDOWN_GROUPS if group in ids]
    return [(question.id, group) for question in definition.questions if question.tally == Tally.SCALE
            for group in groups]


def breakdown_counts(
    session: Session,
    consultation: Consultation,
    definition: Definition,
    question_id: str,
    by_id: str,
    response_filter: ResponseFilter = NO_FILTER,
) -> BreakdownCounts:
    """Respondents who answered ``question_id`` by their answer and their answer to ``by_id``
    (:data:`~analysis.disclosure.NOT_STATED` when they did not answer it); a ranking by first place."""
    question, _by = _questions(definition, question_id, by_id)
    answer, group = aliased(Answer), aliased(Answer)
    query = (
        select(answer.option, group.option, func.count(distinct(answer.response_id)))
        .select_from(answer)
        .outerjoin(group, and_(group.response_id == answer.response_id, group.question_id == by_id,
                               group.consultation_id == consultation.id))
        .where(answer.consultation_id == consultation.id, answer.question_id == question_id,
               answer.option.is_not(None))
        .group_by(answer.option, group.option)
    )
    if question.tally == Tally.RANKS:
        query = query.where(answer.rank == 1)
    ids = filtered_response_ids(consultation.id, response_filter)
    if ids is not None:
        query = query.where(answer.response_id.in_(ids))
    counts = {(str(row), NOT_STATED if column is None else str(column)): int(n)
              for row, column, n in session.execute(query)}
    return BreakdownCounts(question_id=question_id, group_id=by_id, counts=counts)
