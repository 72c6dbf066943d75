"""Random consultations as respondents (microdata), for attacking the public figures.

A :class:`Model` is a consultation's questions ("about you" groups among them), the breakdowns it
publishes, its weeks, and its respondents, each with the publication it first appeared in (``epoch``:
publication ``p`` counts everyone with ``epoch <= p``, so earlier publications are of a subset of the
responses). Tallies, breakdown counts and weekly counts are worked out here from the respondents,
independently of the SQL in analysis/, and handed to :func:`analysis.disclosure.publishable` as the
real code would hand them over.
"""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

from hypothesis import assume
from hypothesis import strategies as st

from analysis.disclosure import NOT_STATED, BreakdownCounts, Publication, publishable
from analysis.tallies import ConsultationTallies, OptionTally, QuestionTally

Answer = str | tuple[str, ...] | None
"""Single choice: the option; multiple choice: the options chosen, sorted; ranking: options in rank
order; ``None``: not answered."""
FIRST_WEEK = dt.date(2026, 1, 5)


@dataclass(frozen=True)
class Question:
    id: str
    kind: str
    """``single_choice``, ``scale``, ``multiple_choice`` or ``ranking``."""
    options: tuple[str, ...]
    positions: int = 0
    group: bool = False
    parent: str | None = None
    """Asked only of those who gave one of ``parent_values`` to the ``parent`` question."""
    parent_values: tuple[str, ...] = ()

    def domain(self) -> list[Answer]:
        """Every answer someone could give (``None`` first)."""
        answers: list[Answer] = [None]
        if self.kind == "multiple_choice":
            for size in range(1, len(self.options) + 1):
                answers += list(itertools.combinations(self.options, size))
        elif self.kind == "ranking":
            for size in range(1, self.positions + 1):
                answers += list(itertools.permutations(self.options, size))
        else:
            answers += list(self.options)
        return answers


@dataclass(frozen=True)
class Respondent:
    answers: tuple[Answer, ...]
    epoch: int
    week: int


@dataclass(frozen=True)
class Model:
    questions: tuple[Question, ...]
    breakdowns: tuple[tuple[str, str], ...]
    weeks: int
    publications: int
    respondents: tuple[Respondent, ...]
    first_week: dt.date = FIRST_WEEK
    """The Monday week 0 begins."""
    cuts: tuple[int, ...] = ()
    """When publications follow time: publication ``p`` (all but the last) was made during week
    ``cuts[p]``, so it counts everyone from earlier weeks and some of that week's."""
    index: dict[str, int] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {q.id: i for i, q in enumerate(self.questions)})

    def question(self, question_id: str) -> Question:
        return self.questions[self.index[question_id]]

    def included(self, publication: int) -> list[Respondent]:
        return [r for r in self.respondents if r.epoch <= publication]

    def answer(self, respondent: Respondent, question_id: str) -> Answer:
        return respondent.answers[self.index[question_id]]


def _tally(model: Model, question: Question, people: list[Respondent]) -> QuestionTally:
    answers = [model.answer(r, question.id) for r in people]
    given = [a for a in answers if a is not None]
    if question.kind == "ranking":
        options = tuple(OptionTally(
            value=v, label=v, count=sum(v in a for a in given), percent=0.0,
            rank_counts=tuple(sum(a[j - 1:j] == (v,) for a in given)  # type: ignore[index]
                              for j in range(1, question.positions + 1)),
        ) for v in question.options)
    elif question.kind == "multiple_choice":
        options = tuple(OptionTally(value=v, label=v, count=sum(v in a for a in given), percent=0.0)
                        for v in question.options)
    else:
        options = tuple(OptionTally(value=v, label=v, count=given.count(v), percent=0.0)
                        for v in question.options)
    return QuestionTally(id=question.id, type=question.kind, text=question.id, base=len(given),
                         options=options,
                         about_you=question.group)


def publication_inputs(model: Model, publication: int) -> dict[str, object]:
    """The arguments :func:`publishable` gets for publication number ``publication``."""
    people = model.included(publication)
    tallies = ConsultationTallies(slug="attack", title="Attack", responses=len(people),
                                  questions=tuple(_tally(model, q, people) for q in model.questions))
    breakdowns = []
    for question_id, group_id in model.breakdowns:
        counts: dict[tuple[str, str], int] = {}
        for r in people:
            answer, group = model.answer(r, question_id), model.answer(r, group_id)
            if answer is None:
                continue
            value = answer[0] if isinstance(answer, tuple) else answer
            key = (value, NOT_STATED if group is None else str(group))
            counts[key] = counts.get(key, 0) + 1
        breakdowns.append(BreakdownCounts(question_id, group_id, counts))
    counted = [w for w in range(model.weeks) if any(r.week == w for r in people)]
    span = range(min(counted), max(counted) + 1) if counted else range(0)  # as analysis.trend lists them
    weeks = [(model.first_week + dt.timedelta(weeks=w), sum(r.week == w for r in people)) for w in span]
    as_of = None
    if model.cuts:
        week = model.cuts[publication] if publication < len(model.cuts) else model.weeks
        as_of = model.first_week + dt.timedelta(weeks=week, days=3)
    conditions = {q.id: (q.parent, q.parent_values) for q in model.questions if q.parent is not None}
    return {"tallies": tallies, "breakdowns": breakdowns, "weeks": weeks, "as_of": as_of,
            "conditions": conditions}


def publish_all(model: Model) -> list[Publication]:
    """Every publication of the consultation, oldest first, each made knowing the ones before."""
    made: list[Publication] = []
    for number in range(model.publications):
        made.append(publishable(**publication_inputs(model, number), earlier=list(made)))  # type: ignore[arg-type]
    return made


# --- Hypothesis strategy ---------------------------------------------------------------------------

_SMALL = st.integers(1, 9)
_LARGE = st.integers(10, 45)


@st.composite
def _question(draw: st.DrawFn, number: int, parents: list[Question]) -> Question:
    kinds = ["single_choice", "scale", "multiple_choice", "ranking"] + (["conditional"] if parents else [])
    kind = draw(st.sampled_from(kinds))
    qid = f"q{number}"
    if kind == "conditional":
        parent = draw(st.sampled_from(parents))
        values = tuple(draw(st.lists(st.sampled_from(parent.options), min_size=1, max_size=1)))
        return Question(qid, "single_choice", ("yes", "no", "prefer_not"), parent=parent.id,
                        parent_values=values)
    if kind == "ranking":
        size = draw(st.integers(2, 3))
        return Question(qid, kind, tuple(f"r{k}" for k in range(size)), positions=draw(st.integers(1, size)))
    if kind == "multiple_choice":
        return Question(qid, kind, tuple(f"m{k}" for k in range(draw(st.integers(2, 3)))))
    return Question(qid, kind, tuple(f"o{k}" for k in range(draw(st.integers(2, 4)))))


@st.composite
def models(draw: st.DrawFn, max_cells: int = 900) -> Model:
    """A small consultation: 0-2 groups, 1-3 questions, 1-3 weeks, 1-3 publications (earlier ones of
    a subset of the responses; half the time a subset in time, made during a week), 1-12 kinds of
    respondent each repeated 1-9 or 10-45 times (so zeros, small and large counts all turn up)."""
    groups = []
    for i in range(draw(st.sampled_from([0, 1, 1, 2, 2]))):
        options = tuple(f"g{i}{k}" for k in range(draw(st.integers(2, 3))))
        groups.append(Question(f"about_g{i}", "single_choice", options, group=True))
    questions: list[Question] = []
    for number in range(draw(st.integers(1, 3))):
        parents = [q for q in questions if q.kind in ("single_choice", "scale") and q.parent is None]
        questions.append(draw(_question(number, parents)))
    can_break = [q.id for q in questions if q.kind != "multiple_choice"]
    pairs = [(q, g.id) for q in can_break for g in groups]
    chosen = (draw(st.lists(st.sampled_from(pairs), unique=True, min_size=1, max_size=len(pairs)))
              if pairs else [])
    breakdowns = tuple(chosen)
    weeks, publications = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    cuts: tuple[int, ...] = ()
    if publications > 1 and weeks > 1 and draw(st.booleans()):  # publications that follow time
        cuts = tuple(sorted(draw(st.lists(st.integers(0, weeks - 1), min_size=publications - 1,
                                          max_size=publications - 1))))
    everything = tuple(groups + questions)
    by_id = {q.id: i for i, q in enumerate(everything)}
    respondents: list[Respondent] = []
    for _kind in range(draw(st.integers(1, 12))):
        answers: list[Answer] = []
        for question in everything:
            answer = draw(st.sampled_from(question.domain()))
            if question.parent is not None and answers[by_id[question.parent]] not in question.parent_values:
                answer = None
            answers.append(answer)
        copies = draw(st.one_of(_SMALL, _LARGE))
        week = draw(st.integers(0, weeks - 1))
        first = max((p + 1 for p, cut in enumerate(cuts) if cut < week), default=0)
        last = min((p for p, cut in enumerate(cuts) if cut > week), default=publications - 1)
        epoch = draw(st.integers(first, last))
        respondents += [Respondent(tuple(answers), epoch, week)] * copies
    model = Model(everything, breakdowns, weeks, publications, tuple(respondents), cuts=cuts)
    assume(attack_size(model) <= max_cells)
    return model


def attack_size(model: Model) -> int:
    """How many unknowns the attacker's tables have (kept small so an example takes about a second)."""
    from tests.disclosure_attacker import cliques

    return sum(len(clique.cells) for clique in cliques(model))
