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

Both sides first take ``--warm-up`` untimed submits (each worker opens its connections and loads
what it caches); then ``--rounds`` rounds of ``--submits`` timed submits each, the app's and the
baseline's one after the other in every round, so that whatever else the machine does falls on both.
The figures are summed over the rounds.

Rate limits are switched off in the served app for this measure (the load test covers them): the
figure is the cost of the app's write path against the cost of the write itself. Target: ratio at
least 0.5, 0 lost (every 302 to the confirmation has its stored response). Exit code 1 otherwise.

    python -m bench.submit_ratio [--submits 200] [--rounds 3] [--concurrency 8] [--warm-up 32]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from contextlib import closing
from dataclasses import dataclass, field
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


class BareServer:
    """The baseline served by gunicorn on its own port, on a copy of the app's database."""

    def __init__(self, served: Served, database: Path) -> None:
        self.served, self.database, self.port = served, database, free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> BareServer:
        self.process = subprocess.Popen(
            [sys.executable, "-c", BARE, str(self.port), str(self.database)],
            env=self.served.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(200):
            try:
                httpx.get(f"http://127.0.0.1:{self.port}/", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.1)
        return self

    def __exit__(self, *_exc: object) -> None:
        assert self.process is not None
        self.process.terminate()
        self.process.wait(timeout=30)

    def time(self, payload: dict, count: int, concurrency: int):  # type: ignore[no-untyped-def]
        form = {"payload": json.dumps(payload)}
        url = f"http://127.0.0.1:{self.port}/submit"

        async def send(client: httpx.AsyncClient, _index: int) -> int:
            return (await client.post(url, data=form)).status_code

        return asyncio.run(_timed(count, concurrency, send))

    def stored(self) -> int:
        with closing(sqlite3.connect(self.database)) as connection:
            return connection.execute("SELECT count(*) FROM response").fetchone()[0]


@dataclass
class Side:
    """One side's timed submits, summed over the rounds."""

    wall: float = 0.0
    statuses: Counter[int] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    stored: int = 0

    def add(self, timed: tuple[float, Counter[int], list[float]], stored: int) -> float:
        wall, statuses, latencies = timed
        self.wall += wall
        self.statuses.update(statuses)
        self.latencies += latencies
        self.stored += stored
        return statuses[302] / wall

    @property
    def rate(self) -> float:
        return self.statuses[302] / self.wall if self.wall else 0.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--submits", type=int, default=200, help="timed submits per side in each round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--warm-up", type=int, default=32, help="untimed submits per side first")
    args = parser.parse_args(argv)
    app, bare = Side(), Side()
    with Served("sqlite", entry=NO_LIMITS) as served:
        database = served.sqlite_folder / "safer-voices.db"
        prepared = time.perf_counter()
        ready = prepare(served, args.warm_up + args.rounds * args.submits)
        print(f"prepared {len(ready)} respondents in {time.perf_counter() - prepared:.1f} s", file=sys.stderr)
        time_app(served, ready[: args.warm_up], args.concurrency)  # warm-up: not counted
        payload = payload_of(database)  # one of the responses the app has just stored
        bare_database = served.folder / "bare.db"
        with closing(sqlite3.connect(database)) as source, closing(sqlite3.connect(bare_database)) as copy:
            source.backup(copy)  # the same tables, indexes and rows (WAL included)
        with BareServer(served, bare_database) as baseline:
            baseline.time(payload, args.warm_up, args.concurrency)  # warm-up: not counted
            for round_ in range(args.rounds):  # alternately, so both sides see the same machine
                start = args.warm_up + round_ * args.submits
                before, _ = served.stored()
                timed = time_app(served, ready[start : start + args.submits], args.concurrency)
                app_rate = app.add(timed, served.stored()[0] - before)
                bare_before = baseline.stored()
                timed = baseline.time(payload, args.submits, args.concurrency)
                bare_rate = bare.add(timed, baseline.stored() - bare_before)
                print(
                    f"round {round_ + 1}: app {app_rate:,.1f}/s, bare {bare_rate:,.1f}/s, "
                    f"ratio {app_rate / bare_rate:.2f}",
                    file=sys.stderr,
                )
    total = args.rounds * args.submits
    accepted = app.statuses[302]
    ratio = app.rate / bare.rate if bare.rate else 0.0
    lost = max(0, accepted - app.stored)
    print("| measure | app: POST check-answers | bare Flask + sqlite3 insert |\n|---|---|---|")
    print(f"| submits timed ({args.rounds} rounds, {args.concurrency} at a time) | {total} | {total} |")
    print(f"| statuses | {_statuses(app.statuses)} | {_statuses(bare.statuses)} |")
    print(f"| stored | {app.stored} | {bare.stored} |")
    print(f"| wall time | {app.wall:.2f} s | {bare.wall:.2f} s |")
    print(f"| **accepted per second** | **{app.rate:,.1f}** | **{bare.rate:,.1f}** |")
    for q in (50, 95, 99):
        app_ms, bare_ms = percentile(app.latencies, q) * 1000, percentile(bare.latencies, q) * 1000
        print(f"| p{q} | {app_ms:,.0f} ms | {bare_ms:,.0f} ms |")
    print(f"\nRatio (app / bare): **{ratio:.2f}** (target at least 0.5); lost: {lost}")
    return 0 if ratio >= 0.5 and lost == 0 and accepted == total else 1


def _statuses(statuses: Counter[int]) -> str:
    return ", ".join(
        f"{'other redirect' if code == 0 else code}: {n}" for code, n in sorted(statuses.items())
    )


if __name__ == "__main__":
    sys.exit(main())
