"""The final submit against the limit: ``POST check-answers`` as a throughput ratio against a bare endpoint.

``make submit-ratio`` (``python -m bench.submit_ratio``). In one run, on one machine, both served by
gunicorn with the same number of workers on 127.0.0.1 and driven by the same number of concurrent
clients over HTTP:

* **the app**: ``safer-voices serve`` on SQLite with the demo loaded. ``--submits`` respondents are
  first brought to "check your answers" of ``community-safety-2026`` in-process (Flask's test client
  on the same database and secret key; not timed), each with the same answers; then their session
  cookies are handed to HTTP clients and only the final ``POST check-answers`` (the request that
  stores the response) is timed.
* **the baseline**: a bare Flask endpoint that inserts the same payload (the stored response's row
  and its answer rows, read back from the app's database) with the ``sqlite3`` module into the same
  ``response`` and ``answer`` tables (a copy of the app's database file: same columns, indexes and
  foreign keys), in one ``BEGIN IMMEDIATE`` transaction with the app's pragmas (WAL,
  ``synchronous=NORMAL``, busy timeout 5 s).

Rate limits are switched off in the served app for this measure (the load test covers them): the
figure is the cost of the app's write path against the cost of the write itself. Target: ratio at
least 0.5, 0 lost (every 302 to the confirmation has its stored response). Exit code 1 otherwise.

    python -m bench.submit_ratio [--submits 100] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import sqlite3
import sys
import time
from collections import Counter
from contextlib import closing
from pathlib import Path

import httpx

from bench.respondent import CSRF, answer_from_page, percentile
from bench.server import DEMO_SLUG, Served, free_port

#: Runs the CLI with Flask-Limiter switched off (the limiter is configured when the app is built).
NO_LIMITS = (
    "import flask_limiter; _init = flask_limiter.Limiter.init_app\n"
    "def init_app(self, app, *a, **k):\n"
    "    _init(self, app, *a, **k); self.enabled = False\n"
    "flask_limiter.Limiter.init_app = init_app\n"
    "from webapp.cli import main; main()"
)
BARE = "import sys; from bench.submit_ratio import serve_bare; serve_bare(int(sys.argv[1]), sys.argv[2])"


def prepare(served: Served, count: int) -> list[tuple[str, str]]:
    """``count`` respondents at "check your answers": (cookie header, CSRF token) for each."""
    import random

    from survey.settings import Settings
    from webapp import create_app
    from webapp.extensions import limiter

    app = create_app(
        Settings(
            instance_path=Path(served.env["SAFER_VOICES_INSTANCE_PATH"]),
            database_url=served.database_url,
            cookie_secure=False,
            _env_file=None,
        )
    )
    limiter.enabled = False
    cookie_name = app.config["SESSION_COOKIE_NAME"]
    base = f"/consultations/{DEMO_SLUG}"
    payloads: dict[str, dict] = {}  # question id -> the answer every respondent gives
    rng = random.Random(11)
    ready = []
    for _ in range(count):
        client = app.test_client()
        token = CSRF.search(client.get(f"{base}/").get_data(as_text=True)).group(1)
        location = client.post(f"{base}/start", data={"csrf_token": token}).headers["Location"]
        while "/questions/" in location:
            question_id = location.rsplit("/", 1)[1]
            if question_id not in payloads:
                payloads[question_id] = answer_from_page(client.get(location).get_data(as_text=True), rng)
            location = client.post(location, data={**payloads[question_id], "csrf_token": token}).headers[
                "Location"
            ]
        assert location.endswith("/check-answers"), location
        ready.append((f"{cookie_name}={client.get_cookie(cookie_name).value}", token))
    app.extensions["safer_voices"].engine.dispose()
    return ready


async def _timed(count: int, concurrency: int, send) -> tuple[float, Counter[int], list[float]]:  # type: ignore[no-untyped-def]
    statuses: Counter[int] = Counter()
    latencies: list[float] = []
    queue = list(range(count))

    async def worker() -> None:
        async with httpx.AsyncClient(timeout=60) as client:
            while queue:
                index = queue.pop()
                started = time.perf_counter()
                status = await send(client, index)
                latencies.append(time.perf_counter() - started)
                statuses[status] += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return time.perf_counter() - started, statuses, latencies


def time_app(served: Served, ready: list[tuple[str, str]], concurrency: int):  # type: ignore[no-untyped-def]
    url = f"{served.base}/consultations/{DEMO_SLUG}/check-answers"

    async def send(client: httpx.AsyncClient, index: int) -> int:
        cookie, token = ready[index]
        response = await client.post(url, data={"csrf_token": token}, headers={"Cookie": cookie})
        if response.status_code == 302 and not response.headers["Location"].endswith("/confirmation"):
            return 0  # sent somewhere else: not accepted
        return response.status_code

    return asyncio.run(_timed(len(ready), concurrency, send))


def payload_of(database: Path) -> dict:
    """The newest stored response of the demo consultation and its answer rows, as the baseline's payload."""
    with closing(sqlite3.connect(database)) as connection:
        connection.row_factory = sqlite3.Row
        response = dict(connection.execute("SELECT * FROM response ORDER BY id DESC LIMIT 1").fetchone())
        answers = [
            dict(r)
            for r in connection.execute("SELECT * FROM answer WHERE response_id = ?", (response["id"],))
        ]
    for row in [response, *answers]:
        row.pop("id")
    for row in answers:
        row.pop("response_id")
    return {"response": response, "answers": answers}


def serve_bare(port: int, database: str) -> None:
    """The baseline: one Flask endpoint, ``sqlite3``, one transaction per request."""
    from flask import Flask, request

    from webapp.server import run_gunicorn

    app = Flask("bare")
    connections: dict[str, sqlite3.Connection] = {}

    def connection() -> sqlite3.Connection:
        if "c" not in connections:  # one per worker process, opened after the fork
            c = sqlite3.connect(database, isolation_level=None, timeout=5)
            for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "foreign_keys=ON", "busy_timeout=5000"):
                c.execute(f"PRAGMA {pragma}")
            connections["c"] = c
        return connections["c"]

    @app.post("/submit")
    def submit():  # type: ignore[no-untyped-def]
        data = json.loads(request.form["payload"])
        response = {
            **data["response"],
            "reference": secrets.token_hex(5).upper(),
            "submission_key": secrets.token_urlsafe(24),
        }
        c = connection()
        c.execute("BEGIN IMMEDIATE")
        try:
            cursor = c.execute(
                f"INSERT INTO response ({', '.join(response)}) VALUES ({', '.join('?' for _ in response)})",
                tuple(response.values()),
            )
            for answer in data["answers"]:
                row = {**answer, "response_id": cursor.lastrowid}
                c.execute(
                    f"INSERT INTO answer ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})",
                    tuple(row.values()),
                )
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        return "", 302, {"Location": "/done"}

    run_gunicorn(app, host="127.0.0.1", port=port, workers=2)


def time_bare(served: Served, database: Path, payload: dict, count: int, concurrency: int):  # type: ignore[no-untyped-def]
    import subprocess

    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-c", BARE, str(port), str(database)],
        env=served.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(200):
            try:
                httpx.get(f"http://127.0.0.1:{port}/", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        form = {"payload": json.dumps(payload)}

        async def send(client: httpx.AsyncClient, _index: int) -> int:
            return (await client.post(f"http://127.0.0.1:{port}/submit", data=form)).status_code

        return asyncio.run(_timed(count, concurrency, send))
    finally:
        process.terminate()
        process.wait(timeout=30)


def _count(database: Path) -> int:
    with closing(sqlite3.connect(database)) as connection:
        return connection.execute("SELECT count(*) FROM response").fetchone()[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--submits", type=int, default=100)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args(argv)
    with Served("sqlite", entry=NO_LIMITS) as served:
        database = served.sqlite_folder / "safer-voices.db"
        prepared = time.perf_counter()
        ready = prepare(served, args.submits)
        print(f"prepared {len(ready)} respondents in {time.perf_counter() - prepared:.1f} s", file=sys.stderr)
        before, _ = served.stored()
        app_wall, app_statuses, app_latencies = time_app(served, ready, args.concurrency)
        after, _references = served.stored()
        bare_database = served.folder / "bare.db"
        payload = payload_of(database)  # one of the responses the app has just stored
        with closing(sqlite3.connect(database)) as source, closing(sqlite3.connect(bare_database)) as copy:
            source.backup(copy)  # the same tables, indexes and rows (WAL included), after the app's submits
        bare_before = _count(bare_database)
        bare_wall, bare_statuses, bare_latencies = time_bare(
            served, bare_database, payload, args.submits, args.concurrency
        )
        bare_stored = _count(bare_database) - bare_before
    accepted = app_statuses[302]
    app_rate, bare_rate = accepted / app_wall, bare_statuses[302] / bare_wall
    ratio = app_rate / bare_rate if bare_rate else 0.0
    lost = max(0, accepted - (after - before))
    print("| measure | app: POST check-answers | bare Flask + sqlite3 insert |\n|---|---|---|")
    print(f"| submits sent ({args.concurrency} at a time) | {args.submits} | {args.submits} |")
    print(f"| statuses | {_statuses(app_statuses)} | {_statuses(bare_statuses)} |")
    print(f"| stored | {after - before} | {bare_stored} |")
    print(f"| wall time | {app_wall:.2f} s | {bare_wall:.2f} s |")
    print(f"| **accepted per second** | **{app_rate:,.1f}** | **{bare_rate:,.1f}** |")
    for q in (50, 95, 99):
        app_ms, bare_ms = percentile(app_latencies, q) * 1000, percentile(bare_latencies, q) * 1000
        print(f"| p{q} | {app_ms:,.0f} ms | {bare_ms:,.0f} ms |")
    print(f"\nRatio (app / bare): **{ratio:.2f}** (target at least 0.5); lost: {lost}")
    return 0 if ratio >= 0.5 and lost == 0 and accepted == args.submits else 1


def _statuses(statuses: Counter[int]) -> str:
    return ", ".join(
        f"{'other redirect' if code == 0 else code}: {n}" for code, n in sorted(statuses.items())
    )


if __name__ == "__main__":
    sys.exit(main())
