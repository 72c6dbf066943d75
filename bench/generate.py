"""Generate a large consultation fast: the community-safety template with N synthetic responses.

Answers are drawn with numpy from fixed distributions (seeded, so every run makes the same data)
and written with one multi-row INSERT stream (SQLite) or COPY (PostgreSQL), bypassing the ORM: a
million responses through ``store_response`` would take hours, and the benchmark measures reading,
not writing. The rows are exactly what ``store_response`` would write (one row per answer part,
sentiment filled in for free text, ``urgent`` set when the text is flagged): the free text comes from
a small pool of phrases, each scored once with the real scorer and assessed with the real
safeguarding rules.

    python -m bench.generate --url sqlite:///instance/bench.db --responses 1000000
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import time
from collections.abc import Iterator
from typing import Any

import numpy as np
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from survey.consultations import consultation_by_slug, create_consultation, definition_of
from survey.definitions.definition import template_path
from survey.partnerships import get_or_create_partnership
from survey.responses.sentiment import default_scorer
from survey.safeguarding.risk import assess
from survey.storage import migrate
from survey.storage.db import create_database_engine
from survey.storage.models import Answer, Response
from survey.tallies.rebuild import rebuild_tallies
from survey.vocabulary import ConsultationStatus

PHRASES = (
    "Better street lighting in the park and on the way to the station",
    "More police patrols in the town centre at night",
    "CCTV that actually works near the shops",
    "Somewhere for young people to go in the evenings",
    "Stop the drug dealing outside the flats, it is awful",
    "Nothing, I feel safe where I live",
    "More visible police officers, especially on Friday and Saturday nights",
    "Clean up the alleyways and fix the broken lights",
    "Deal with the groups of teenagers hanging around the station",
    "Faster response when you call 101",
    "Safer routes to school and more crossing patrols",
    "Lovely area, great neighbours, keep up the good work",
    "Youth clubs and activities so kids are not bored on the streets",
    "Something done about speeding cars on the main road",
    "Less street drinking by the war memorial",
    "Someone has a knife at school and I am scared",
)
START = dt.datetime(2026, 1, 5, 8, 0)
WEEKS = 8
_BATCH = 50_000


def _pick_options(rng: np.random.Generator, n: int, values: list[str], p: float) -> list[list[str]]:
    chosen = rng.random((n, len(values))) < p * rng.uniform(0.3, 1.7, len(values))
    return [[values[j] for j in np.flatnonzero(row)] for row in chosen]


def _responses(definition: Any, n: int, seed: int) -> Iterator[dict[str, list[tuple[Any, ...]]]]:
    """Per response: question id -> parts as (option, rank, number, text) tuples."""
    rng = np.random.default_rng(seed)
    q = {question.id: question for question in definition.questions}
    values = {qid: [o.value for o in question.all_options] for qid, question in q.items()}
    scale = values["safety_day"]
    scores = {o.value: o.score for o in q["safety_day"].all_options}
    for start in range(0, n, 10_000):
        m = min(10_000, n - start)
        answered = rng.random((m, 16))
        ranks = rng.integers(1, 6, m)
        issues = _pick_options(rng, m, values["town_centre_issues"][:-1], 0.22)
        features = _pick_options(rng, m, values["violence_features"][:-1], 0.2)
        relationship = _pick_options(rng, m, ["live", "work", "study", "visit"], 0.45)
        day = rng.choice(scale, m, p=[0.35, 0.45, 0.1, 0.04, 0.06])
        dark = rng.choice(scale, m, p=[0.12, 0.33, 0.3, 0.17, 0.08])
        victim = rng.choice(["yes", "no", "prefer_not_to_say"], m, p=[0.22, 0.72, 0.06])
        singles = {qid: rng.choice(values[qid], m) for qid in
                   ("about_age_band", "about_gender", "about_ethnicity", "about_disability",
                    "about_sexual_orientation", "about_area", "reported")}
        phrases = rng.integers(0, len(PHRASES), m)
        for i in range(m):
            row: dict[str, list[tuple[Any, ...]]] = {}
            a = answered[i]
            if a[0] < 0.9:
                order = rng.permutation(values["priorities"])[: ranks[i]]
                row["priorities"] = [(v, r, None, None) for r, v in enumerate(order, 1)]
            multiple = (("town_centre_issues", issues[i], a[1] < 0.8),
                        ("violence_features", features[i], a[2] < 0.75),
                        ("about_relationship", relationship[i], a[8] < 0.8))
            for qid, chosen, answers in multiple:
                if answers and chosen:
                    row[qid] = [(v, None, None, None) for v in chosen]
            if a[3] < 0.95:
                row["safety_day"] = [(day[i], None, scores[day[i]], None)]
            if a[4] < 0.95:
                row["safety_dark"] = [(dark[i], None, scores[dark[i]], None)]
            if a[5] < 0.85:
                row["victim"] = [(victim[i], None, None, None)]
                if victim[i] == "yes" and a[6] < 0.9:
                    row["reported"] = [(singles["reported"][i], None, None, None)]
            if a[7] < 0.3:
                row["feel_safer"] = [(None, None, None, int(phrases[i]))]
            row.update(_about_you(a, singles, i))
            yield row


_ABOUT_YOU = ("about_age_band", "about_gender", "about_ethnicity", "about_disability",
              "about_sexual_orientation", "about_area")


def _about_you(answered: np.ndarray, singles: dict[str, np.ndarray], i: int) -> dict[str, list[Any]]:
    return {
        qid: [(singles[qid][i], None, None, None)]
        for k, qid in enumerate(_ABOUT_YOU, start=9)
        if answered[k] < 0.8
    }


def generate(
    engine: Engine,
    n: int,
    *,
    slug: str = "bench-million",
    seed: int = 2026,
    timings: dict[str, float] | None = None,
) -> int:
    """Create (or replace) the consultation ``slug`` with ``n`` responses; return its id.

    The rows bypass :func:`survey.tallies.keep.add_to_tallies`, so the kept tallies are counted
    afterwards with one rebuild, timed apart (``timings``: ``rows_s`` and ``tallies_s``)."""
    started = time.perf_counter()
    migrate.upgrade(engine)
    with Session(engine) as session:
        partnership = get_or_create_partnership(session, "bench", "Benchmark Community Safety Partnership")
        existing = consultation_by_slug(session, slug)
        if existing is not None:
            session.execute(Answer.__table__.delete().where(Answer.consultation_id == existing.id))
            session.execute(Response.__table__.delete().where(Response.consultation_id == existing.id))
            consultation = existing
        else:
            source = template_path("community-safety").read_text(encoding="utf-8")
            consultation = create_consultation(session, partnership, source, slug=slug,
                                               status=ConsultationStatus.CLOSED)
        session.commit()
        ids = (consultation.id, partnership.id, definition_of(consultation))
        first_response = (session.scalar(select(Response.id).order_by(Response.id.desc()).limit(1)) or 0) + 1
        first_answer = (session.scalar(select(Answer.id).order_by(Answer.id.desc()).limit(1)) or 0) + 1
    consultation_id, partnership_id, definition = ids
    scorer = default_scorer()
    scored = [(scorer.score(p), assess(p)) for p in PHRASES]
    writer = _PostgresWriter(engine) if engine.dialect.name == "postgresql" else _SQLiteWriter(engine)
    response_id, answer_id = first_response, first_answer
    seconds = WEEKS * 7 * 24 * 3600
    rng = np.random.default_rng(seed + 1)
    times = np.sort(rng.integers(0, seconds, n))
    channels = rng.choice(["web", "paper", "import"], n, p=[0.8, 0.15, 0.05])
    for index, row in enumerate(_responses(definition, n, seed)):
        urgent, risks = False, None
        for qid, parts in row.items():
            for option, rank, number, phrase in parts:
                if phrase is not None:
                    score, risk = scored[phrase]
                    urgent = risk.urgent
                    risks = ",".join(sorted(risk.categories)) or None
                    writer.answer((answer_id, response_id, consultation_id, qid, None, None, None,
                                   PHRASES[phrase], score.polarity, score.subjectivity, score.compound))
                else:
                    writer.answer((answer_id, response_id, consultation_id, qid, option, rank, number, None,
                                   None, None, None))
                answer_id += 1
        submitted = START + dt.timedelta(seconds=int(times[index]))
        writer.response((response_id, partnership_id, consultation_id, str(channels[index]),
                         f"BENCH{response_id:011d}", urgent, risks, submitted))
        response_id += 1
    writer.close()
    rows_done = time.perf_counter()
    with Session(engine) as session:
        rebuild_tallies(session, [consultation_id])
        session.commit()
    if timings is not None:
        tallies_s = time.perf_counter() - rows_done
        timings.update(rows_s=round(rows_done - started, 1), tallies_s=round(tallies_s, 1))
    return consultation_id


_RESPONSE_COLUMNS = ("id, partnership_id, consultation_id, channel, reference, urgent, risk_categories, "
                     "submitted_at")
_ANSWER_COLUMNS = ("id, response_id, consultation_id, question_id, option, rank, number, text, "
                   "sentiment_polarity, sentiment_subjectivity, sentiment_compound")


class _SQLiteWriter:
    def __init__(self, engine: Engine) -> None:
        self.connection = engine.raw_connection()
        self.cursor = self.connection.cursor()
        self.cursor.execute("BEGIN")
        self.responses: list[tuple[Any, ...]] = []
        self.answers: list[tuple[Any, ...]] = []

    def response(self, row: tuple[Any, ...]) -> None:
        self.responses.append((*row[:5], int(row[5]), row[6], row[7].strftime("%Y-%m-%d %H:%M:%S.%f")))
        if len(self.responses) >= _BATCH:
            self._flush()

    def answer(self, row: tuple[Any, ...]) -> None:
        self.answers.append(row)

    def _flush(self) -> None:
        self.cursor.executemany(f"INSERT INTO response ({_RESPONSE_COLUMNS}) VALUES (?,?,?,?,?,?,?,?)",
                                self.responses)
        self.cursor.executemany(f"INSERT INTO answer ({_ANSWER_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                                self.answers)
        self.responses, self.answers = [], []

    def close(self) -> None:
        self._flush()
        self.cursor.execute("COMMIT")
        self.cursor.execute("ANALYZE")
        self.connection.close()


class _PostgresWriter:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.connection = engine.raw_connection()
        self.responses = io.StringIO()
        self.answers = io.StringIO()
        self.count = 0

    @staticmethod
    def _line(row: tuple[Any, ...]) -> str:
        cells = ("\\N" if v is None else str(v).replace("\\", "\\\\").replace("\t", " ") for v in row)
        return "\t".join(cells) + "\n"

    def response(self, row: tuple[Any, ...]) -> None:
        self.responses.write(self._line((*row[:7], row[7].isoformat() + "+00:00")))
        self.count += 1
        if self.count % _BATCH == 0:
            self._flush()

    def answer(self, row: tuple[Any, ...]) -> None:
        self.answers.write(self._line(row))

    def _flush(self) -> None:
        with self.connection.cursor() as cursor:
            for table, columns, buffer in (("response", _RESPONSE_COLUMNS, self.responses),
                                           ("answer", _ANSWER_COLUMNS, self.answers)):
                with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                    copy.write(buffer.getvalue())
        self.connection.commit()
        self.responses, self.answers = io.StringIO(), io.StringIO()

    def close(self) -> None:
        self._flush()
        self.connection.close()
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE response"))
            connection.execute(text("VACUUM ANALYZE answer"))
            for table in ("response", "answer"):
                connection.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                        f"(SELECT max(id) FROM {table}))"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True, help="SQLAlchemy database URL")
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--slug", default="bench-million")
    arguments = parser.parse_args()
    started = time.perf_counter()
    engine = create_database_engine(arguments.url)
    timings: dict[str, float] = {}
    generate(engine, arguments.responses, slug=arguments.slug, timings=timings)
    print(f"{arguments.responses:,} responses in {time.perf_counter() - started:.1f} s "
          f"(rows {timings['rows_s']} s, kept tallies counted in {timings['tallies_s']} s)")


if __name__ == "__main__":
    main()
