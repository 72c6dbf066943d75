"""Build the paper from the summary: cover, key findings, then the detail section by section.

The sections, each starting a page: the summary of key findings; about this consultation (its
period, responses and responses per week); results question by question; about the people who
took part (the "about you" questions); the change since an earlier consultation (when compared);
how the figures were produced.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from analysis.crosstabs import Crosstab, crosstab
from analysis.exports.dates import date_in_words, filters_in_words, local_day, moment_in_words, sentence_case
from analysis.exports.html import figure
from analysis.exports.marking import Classification, handling_note
from analysis.exports.paper.detail import change_blocks, notes_blocks, question_blocks, weekly_blocks
from analysis.exports.paper.findings import key_findings
from analysis.exports.paper.model import Block, Cover, Heading, Paper, Text
from analysis.filters import ResponseFilter
from analysis.summary import SUMMARY_GROUPS, Summary
from survey.definitions.definition import Definition
from survey.question_types import Tally
from survey.storage.models import Consultation


@dataclass(frozen=True)
class PaperContext:
    """What the paper needs besides the summary."""

    period: str
    """When the consultation ran, in words (:func:`analysis.exports.dates.period_in_words`)."""
    classification: Classification
    group_tables: tuple[Crosstab, ...] = ()
    """Cross-tabs of the scale questions by the equality groups, for the groups that stand out."""


def group_tables(session: Session, consultation: Consultation, definition: Definition,
                 response_filter: ResponseFilter) -> tuple[Crosstab, ...]:
    """Each scale question cross-tabbed by each equality group the consultation asks about."""
    ids = {question.id for question in definition.questions}
    groups = [group for group in SUMMARY_GROUPS if group in ids]
    return tuple(crosstab(session, consultation, definition, question.id, group, response_filter)
                 for question in definition.questions if question.tally == Tally.SCALE
                 and not getattr(question, "about_you", False) for group in groups)


def build_paper(summary: Summary, context: PaperContext) -> Paper:
    """The paper of one summary (officer or public variant)."""
    data = summary.report
    kind = "Public summary of results" if summary.public else "Summary for the Strategic Assessment"
    details = [f"Responses: {figure(data.responses)}", f"Produced {moment_in_words(data.generated_at)}"]
    if data.filters:
        details.append(f"Only responses matching: {filters_in_words(data.filters)}")
    cover = Cover(
        title=data.title, kind=kind, partnership=data.partnership or "", period=sentence_case(context.period),
        date=date_in_words(local_day(data.generated_at)), classification=context.classification,
        handling=handling_note(summary.public, context.classification, data.partnership),
        details=tuple(details),
    )
    return Paper(cover=cover, summary=tuple(key_findings(data, context.group_tables, summary.publication)),
                 detail=tuple(_detail(summary, context)))


def _detail(summary: Summary, context: PaperContext) -> list[Block]:
    data = summary.report
    blocks: list[Block] = [Heading("About this consultation", 1)]
    lines = [f"Period covered: {context.period}.",
             f"{figure(data.responses)} responses are counted here; this paper was produced "
             f"{moment_in_words(data.generated_at)}."]
    if data.filters:
        lines.append(f"Only responses matching: {filters_in_words(data.filters)}.")
    blocks += [Text(line) for line in lines]
    blocks += weekly_blocks(summary)
    sections = (("Results question by question", [q for q in data.questions if not q.about_you]),
                ("About the people who took part", [q for q in data.questions if q.about_you]))
    for title, questions in sections:
        if questions:
            blocks.append(Heading(title, 1))
            for question in questions:
                blocks += question_blocks(summary, question)
    if summary.changes and summary.earlier_title:
        blocks += change_blocks(summary.earlier_title, summary.changes)
    return blocks + notes_blocks(summary.notes)
