"""Benchmark: the JSON summary of a 1,000,000-response consultation on SQLite and PostgreSQL.

Targets (issue 6): at most 5 s and 1 GB peak memory per backend. Beside it, in the same run and on
the same data, a hand-written SQL query of the same tallies (option and rank counts, respondents per
multiple-choice question, and the response count) gives the floor the database itself sets, so the
ratio shows what the library costs on top.

Each measurement runs in a fresh Python process so its peak resident memory (``ru_maxrss``) is its
own; the import-only baseline of such a process is reported too.

    python -m bench.report_million                       # SQLite in instance/, PostgreSQL if
                                                         # SAFER_VOICES_TEST_POSTGRES_URL is set
    python -m bench.report_million --responses 100000 --sqlite-url sqlite:////tmp/b.db --reuse
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ProgrammingError
from sqlalchemy.pool import NullPool

HAND_WRITTEN = """
SELECT question_id, option, rank, count(*) FROM answer WHERE consultation_id = :c
GROUP BY question_id, option, rank;
SELECT question_id, count(DISTINCT response_id) FROM answer
WHERE consultation_id = :c
  AND question_id IN ('town_centre_issues', 'violence_features', 'about_relationship')
GROUP BY question_id;
SELECT count(*) FROM response WHERE consultation_id = :c
"""


def _measure(kind: str, url: str, slug: str) -> dict[str, float]:
    """Run inside the child process: time one thing and report peak memory."""
    from sqlalchemy.orm import Session

    from survey.consultations import consultation_by_slug
    from survey.storage.db import create_database_engine

    engine = create_database_engine(url)
    with Session(engine) as session:
        consultation = consultation_by_slug(session, slug)
        assert consultation is not None, f"no consultation {slug}: generate it first"
        if kind == "json":
            from analysis.exports.build import export_report

            started = time.perf_counter()
            body = export_report(session, consultation, "json").as_bytes()
            elapsed = time.perf_counter() - started
            responses = json.loads(body)["responses"]
        elif kind == "sql":
            started = time.perf_counter()
            responses = 0
            for statement in filter(None, (s.strip() for s in HAND_WRITTEN.split(";"))):
                rows = session.execute(text(statement), {"c": consultation.id}).all()
                responses = rows[0][0] if len(rows) == 1 else responses
            elapsed = time.perf_counter() - started
        else:  # the interpreter with the same imports, doing nothing
            from analysis.exports.build import export_report  # noqa: F401

            elapsed, responses = 0.0, 0
    # VmHWM, not ru_maxrss: a forked child inherits its parent's ru_maxrss across exec.
    status = Path("/proc/self/status").read_text()
    peak_mib = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:"))) / 1024
    return {"seconds": round(elapsed, 3), "peak_mib": round(peak_mib, 1), "responses": responses}


def _child(kind: str, url: str, slug: str) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, "-m", "bench.report_million", "--child", kind, "--url", url, "--slug", slug],
        check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def _count(url: str, slug: str) -> int:
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            found = connection.execute(
                text("SELECT count(*) FROM response r JOIN consultation c ON c.id = r.consultation_id "
                     "WHERE c.slug = :s"), {"s": slug}).scalar()
    except ProgrammingError:  # a new, empty database: nothing to reuse
        found = 0
    finally:
        engine.dispose()
    return int(found or 0)


def _postgres_database(admin_url: str, name: str) -> str:
    engine = create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with engine.connect() as connection:
        query = text("SELECT 1 FROM pg_database WHERE datname = :n")
        exists = connection.execute(query, {"n": name}).scalar()
        if not exists:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine.dispose()
    return make_url(admin_url).set(database=name).render_as_string(hide_password=False)


def run(
    backends: dict[str, str], responses: int, slug: str, reuse: bool, repeats: int
) -> list[dict[str, object]]:
    from bench.generate import generate
    from survey.storage.db import create_database_engine

    results = []
    for backend, url in backends.items():
        generated_in = None
        if not (reuse and _count(url, slug) == responses):
            started = time.perf_counter()
            generate(create_database_engine(url), responses, slug=slug)
            generated_in = round(time.perf_counter() - started, 1)
        baseline = _child("baseline", url, slug)
        for _ in range(repeats):
            json_run, sql_run = _child("json", url, slug), _child("sql", url, slug)
            assert json_run["responses"] == sql_run["responses"] == responses
            results.append({"backend": backend, "responses": responses, "generated_s": generated_in,
                            "json_s": json_run["seconds"], "json_peak_mib": json_run["peak_mib"],
                            "sql_s": sql_run["seconds"], "sql_peak_mib": sql_run["peak_mib"],
                            "baseline_peak_mib": baseline["peak_mib"],
                            "ratio": round(json_run["seconds"] / max(sql_run["seconds"], 1e-9), 2)})
            print(json.dumps(results[-1]), flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", choices=["json", "sql", "baseline"], help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--slug", default="bench-million")
    parser.add_argument("--sqlite-url", default=f"sqlite:///{Path('instance').resolve()}/bench-million.db")
    parser.add_argument("--postgres-url", default=os.environ.get("SAFER_VOICES_TEST_POSTGRES_URL"),
                        help="an admin URL; a database 'bench_million' is made on that server")
    parser.add_argument("--reuse", action="store_true", help="keep an existing consultation of the same size")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    arguments = parser.parse_args()
    if arguments.child:
        print(json.dumps(_measure(arguments.child, arguments.url, arguments.slug)))
        return
    backends = {"sqlite": arguments.sqlite_url}
    if arguments.postgres_url:
        backends["postgresql"] = _postgres_database(arguments.postgres_url, "bench_million")
    if arguments.only:
        backends = {arguments.only: backends[arguments.only]}
    run(backends, arguments.responses, arguments.slug, arguments.reuse, arguments.repeats)


if __name__ == "__main__":
    main()
