"""Benchmark: the JSON summary of a 1,000,000-response consultation on SQLite and PostgreSQL.

Targets (issue 17): the unfiltered summary in at most 0.5 s cold and warm, a one-month filtered
summary in at most 2 s, and at most 256 MiB peak memory, per backend. The unfiltered summary reads
the kept tallies (``survey.tallies``); the filtered one counts the answers of that month's
responses. Beside them, in the same run and on the same data, the hand-written recount of issue 6
(option and rank counts, respondents per multiple-choice question and the response count, as plain
SQL) shows what the summary cost before the tallies were kept, and the same month of web responses
only (``month_web_s``) what a filter the kept tallies do not hold (channels, "about you") costs.

The clock starts once the code a summary runs is imported (as in a web worker that has served a
page); that import, mostly SciPy for the disclosure checks, is timed apart (``imports_s``). Cold
means a fresh Python process on a database that has not served the query since: for SQLite a
fresh copy of the database file (the operating system may still hold its pages: the copy was just
written), for PostgreSQL a server restarted just before (its shared buffers empty; the operating
system's cache as it was). Restarting needs the server on this machine and the right to run its
``pg_ctl`` (``scripts/with-postgres`` gives both); otherwise the first query of a fresh connection
after ``DISCARD ALL`` is reported, and ``cold_method`` says which. Warm is a fresh process just
after, and ``again_s`` the same summary a second time in the same process.

Each measurement runs in a fresh Python process so its peak resident memory (``VmHWM``) is its own.

    python -m bench.report_million                       # SQLite in instance/, PostgreSQL if
                                                         # SAFER_VOICES_TEST_POSTGRES_URL is set
    python -m bench.report_million --responses 100000 --sqlite-url sqlite:////tmp/b.db --reuse
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
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
MONTH = (dt.date(2026, 1, 5), dt.date(2026, 2, 4))
"""The first 31 days of the generated 8 weeks (bench.generate.START)."""


def _measure(kind: str, url: str, slug: str) -> dict[str, object]:
    """Run inside the child process: time one thing and report peak memory."""
    from sqlalchemy.orm import Session

    from survey.consultations import consultation_by_slug
    from survey.storage.db import create_database_engine

    engine = create_database_engine(url)
    again = imports = None
    with Session(engine) as session:
        if kind == "discard":  # the fallback "cold" on PostgreSQL: a fresh connection, its state discarded
            session.connection().exec_driver_sql("DISCARD ALL")
        consultation = consultation_by_slug(session, slug)
        assert consultation is not None, f"no consultation {slug}: generate it first"
        if kind in ("json", "month", "month-web", "discard"):
            from analysis.exports.build import export_report
            from analysis.filters import NO_FILTER, ResponseFilter
            from survey.vocabulary import Channel

            response_filter = {
                "month": ResponseFilter(since=MONTH[0], until=MONTH[1]),
                "month-web": ResponseFilter(since=MONTH[0], until=MONTH[1], channels=(Channel.WEB,)),
            }.get(kind, NO_FILTER)
            # The code a summary runs, imported before the clock starts, as a web worker has it
            # after its first page (timed apart: most of it is SciPy, for the disclosure checks).
            started = time.perf_counter()
            import analysis.report.build  # noqa: F401

            imports = round(time.perf_counter() - started, 3)
            started = time.perf_counter()
            body = export_report(session, consultation, "json", response_filter=response_filter).as_bytes()
            elapsed = time.perf_counter() - started
            started = time.perf_counter()
            export_report(session, consultation, "json", response_filter=response_filter)
            again = round(time.perf_counter() - started, 3)
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
    return {"seconds": round(elapsed, 3), "again_s": again, "imports_s": imports,
            "peak_mib": round(peak_mib, 1), "responses": responses}


def _child(kind: str, url: str, slug: str) -> dict[str, object]:
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


def _fresh_sqlite_copy(url: str) -> tuple[str, Path]:
    """A copy of the SQLite database file (and its WAL, if any) beside it, and the copy's path."""
    source = Path(make_url(url).database or "")
    copy = source.with_name(source.stem + "-cold" + source.suffix)
    for suffix in ("", "-wal"):
        if Path(f"{source}{suffix}").exists():
            shutil.copyfile(f"{source}{suffix}", f"{copy}{suffix}")
    return f"sqlite:///{copy}", copy


def _restart_postgres(url: str) -> bool:
    """Restart the PostgreSQL server of ``url`` if it runs here and may be restarted; True if it was."""
    engine = create_engine(url, poolclass=NullPool)
    try:
        with engine.connect() as connection:
            data = connection.execute(text("SHOW data_directory")).scalar()
            version = connection.execute(text("SHOW server_version_num")).scalar()
    except ProgrammingError:
        return False
    finally:
        engine.dispose()
    binaries = sorted(Path("/usr/lib/postgresql").glob(f"{int(str(version)) // 10000}/bin/pg_ctl"))
    if not data or not Path(str(data)).exists() or not binaries:
        return False
    as_owner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    log = Path(str(data)).parent / "restart.log"
    done = subprocess.run([*as_owner, str(binaries[-1]), "-D", str(data), "-l", str(log), "-w", "-t", "120",
                           "-m", "fast", "restart"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return done.returncode == 0


def _cold(backend: str, url: str, slug: str) -> tuple[dict[str, object], str]:
    if backend == "sqlite":
        copy_url, copy = _fresh_sqlite_copy(url)
        try:
            return _child("json", copy_url, slug), "fresh copy of the database file, fresh process"
        finally:
            for suffix in ("", "-wal", "-shm", "-writers.lock"):
                Path(f"{copy}{suffix}").unlink(missing_ok=True)
    if _restart_postgres(url):
        return _child("json", url, slug), "PostgreSQL restarted just before, fresh process"
    method = "fresh connection after DISCARD ALL (no restart possible), fresh process"
    return _child("discard", url, slug), method


def run(
    backends: dict[str, str], responses: int, slug: str, reuse: bool, repeats: int
) -> list[dict[str, object]]:
    from bench.generate import generate
    from survey.storage.db import create_database_engine

    results = []
    for backend, url in backends.items():
        timings: dict[str, float] = {}
        if not (reuse and _count(url, slug) == responses):
            generate(create_database_engine(url), responses, slug=slug, timings=timings)
        baseline = _child("baseline", url, slug)
        for _ in range(repeats):
            cold, method = _cold(backend, url, slug)
            warm, month = _child("json", url, slug), _child("month", url, slug)
            web = _child("month-web", url, slug)
            recount = _child("sql", url, slug)
            assert cold["responses"] == warm["responses"] == recount["responses"] == responses
            results.append({
                "backend": backend, "responses": responses, **timings,
                "cold_s": cold["seconds"], "cold_method": method, "warm_s": warm["seconds"],
                "again_s": warm["again_s"], "imports_s": warm["imports_s"],
                "month_s": month["seconds"], "month_again_s": month["again_s"],
                "month_responses": month["responses"], "month_web_s": web["seconds"],
                "month_web_peak_mib": web["peak_mib"],
                "peak_mib": max(cold["peak_mib"], warm["peak_mib"]), "month_peak_mib": month["peak_mib"],
                "baseline_peak_mib": baseline["peak_mib"], "recount_sql_s": recount["seconds"],
            })
            print(json.dumps(results[-1]), flush=True)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", choices=["json", "month", "month-web", "discard", "sql", "baseline"],
                        help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--slug", default="bench-million")
    parser.add_argument("--sqlite-url", default=f"sqlite:///{Path('instance').resolve()}/bench-million.db")
    parser.add_argument("--postgres-url", default=os.environ.get("SAFER_VOICES_TEST_POSTGRES_URL"),
                        help="an admin URL; a database 'bench_million' is made on that server")
    parser.add_argument("--reuse", action="store_true", help="keep an existing consultation of the same size")
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    arguments = parser.parse_args()
    if arguments.child:
        print(json.dumps(_measure(arguments.child, arguments.url, arguments.slug)))
        return
    backends = {"sqlite": arguments.sqlite_url}
    if arguments.postgres_url and arguments.only != "sqlite":
        backends["postgresql"] = _postgres_database(arguments.postgres_url, "bench_million")
    if arguments.only:
        backends = {arguments.only: backends[arguments.only]}
    run(backends, arguments.responses, arguments.slug, arguments.reuse, arguments.repeats)


if __name__ == "__main__":
    main()
