"""Load: concurrent respondents through the whole public flow of the demo consultation, over real HTTP.

``make load`` (or ``./scripts/with-postgres python -m bench.load``). For each backend (SQLite in a
fresh instance folder, then a new PostgreSQL database when ``SAFER_VOICES_TEST_POSTGRES_URL`` is set)
it starts ``safer-voices serve`` (gunicorn, default worker count), loads the demo, and runs 8, 32 and
128 respondents at once through ``community-safety-2026``: start, every question page, check answers,
confirmation (:mod:`bench.respondent`). It prints requests per second, p50/p95/p99 latency, every
status seen and the reconciliation (confirmations seen = new responses stored, all references
distinct, every confirmed reference stored) as a markdown table for ``bench/RESULTS.md``.

With ``--processes N`` (PostgreSQL only, under ``./scripts/with-redis`` too) it starts N ``serve``
processes on one database and one Redis, with one SECRET_KEY and an instance folder each (as on N
hosts, docs/DEPLOY.md), and sends the respondents to them round-robin, as a load balancer would.
Whenever ``SAFER_VOICES_TEST_REDIS_URL`` is set, even one process keeps its rate limits and task queue
there, so a 1-process run beside an N-process run differs only in the number of processes.

Exit code 1 if any respondent saw a 5xx other than a 503 with ``Retry-After``, a respondent did not
reach its confirmation, or the reconciliation does not hold.

    python -m bench.load [--levels 8,32,128] [--backends sqlite,postgresql] [--seconds S] [--workers N]
                         [--processes N]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import subprocess
import sys
import time
from contextlib import ExitStack
from dataclasses import dataclass

import httpx

from bench.respondent import Respondent, Stats, class_address, percentile
from bench.server import DEMO_SLUG, Served, free_port, postgres_admin_url

REDIS_URL_VARIABLE = "SAFER_VOICES_TEST_REDIS_URL"


@dataclass
class Level:
    backend: str
    respondents: int
    stats: Stats
    seconds: float
    before: int
    after: int
    stored_references: set[str]

    @property
    def new(self) -> int:
        return self.after - self.before

    def problems(self) -> list[str]:
        found = [f"{count} x {what}" for what, count in self.stats.failures.items()]
        confirmations = len(self.stats.references)
        if confirmations != self.respondents:
            found.append(
                f"{self.respondents - confirmations} respondents never reached the confirmation "
                f"({dict(self.stats.incomplete)})"
            )
        if self.new != confirmations:
            found.append(f"{confirmations} confirmations but {self.new} new responses stored")
        if len(set(self.stats.references)) != confirmations:
            found.append("a reference was shown to two respondents")
        lost = set(self.stats.references) - self.stored_references
        if lost:
            found.append(f"{len(lost)} confirmed references not in the database")
        return found

    def row(self) -> str:
        s = self.stats
        rps = s.requests / self.seconds if self.seconds else 0.0
        statuses = ", ".join(f"{code}: {n}" for code, n in sorted(s.statuses.items()))
        dropped = sum(s.transport_errors.values())
        if dropped:
            statuses += f", dropped: {dropped}"
        ms = [percentile(s.latencies, q) * 1000 for q in (50, 95, 99)]
        confirmations = len(s.references)
        verdict = "pass" if not self.problems() else "**FAIL**"
        return (
            f"| {self.backend} | {self.respondents} | {s.requests:,} | {self.seconds:.1f} s | {rps:,.1f} "
            f"| {ms[0]:,.0f} | {ms[1]:,.0f} | {ms[2]:,.0f} | {statuses} | {confirmations} | {self.new} "
            f"| {len(set(s.references))} | {verdict} |"
        )


HEADER = (
    "| backend | respondents | requests | wall time | req/s | p50 ms | p95 ms | p99 ms "
    "| statuses (every attempt) "
    "| confirmations | new responses stored | distinct references | result |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|"
)


class Cluster:
    """``processes`` ``serve`` processes sharing one database (and Redis when given), one SECRET_KEY."""

    def __init__(self, backend: str, processes: int, workers: int | None, redis_url: str | None) -> None:
        self.shared = {"SAFER_VOICES_SECRET_KEY": secrets.token_urlsafe(48)}
        if redis_url:
            self.shared["SAFER_VOICES_REDIS_URL"] = redis_url
        self.first = Served(backend, workers=workers, extra_env=self.shared)
        self.processes, self.workers = processes, workers
        self.bases: list[str] = []
        self.backend = backend
        self._stack = ExitStack()

    def __enter__(self) -> Cluster:
        self._stack.enter_context(self.first)  # makes the database and loads the demo
        self.bases = [self.first.base]
        for number in range(2, self.processes + 1):
            self.bases.append(self._another(number))
        return self

    def _another(self, number: int) -> str:
        port, folder = free_port(), self.first.folder / f"host-{number}"
        folder.mkdir()
        env = {**self.first.env, "SAFER_VOICES_INSTANCE_PATH": str(folder / "instance")}
        serve = ["serve", "--port", str(port)] + (["--workers", str(self.workers)] if self.workers else [])
        log = (folder / "serve.log").open("w")
        process = subprocess.Popen(self.first.command(*serve), env=env, cwd=folder, stdout=log,
                                   stderr=subprocess.STDOUT, text=True)
        self._stack.callback(_stop, process)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while not _healthy(base):
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError(f"serve {number} did not start:\n{(folder / 'serve.log').read_text()}")
            time.sleep(0.2)
        return base

    def __exit__(self, *_exc: object) -> None:
        self._stack.close()

    def stored(self) -> tuple[int, set[str]]:
        return self.first.stored(DEMO_SLUG)


def _healthy(base: str) -> bool:
    try:
        return httpx.get(f"{base}/healthz", timeout=5).status_code == 200
    except httpx.TransportError:
        return False


def _stop(process: subprocess.Popen[str]) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


async def run_spread(bases: list[str], respondents: int, *, seconds: float, seed: int) -> tuple[Stats, float]:
    """``respondents`` at once, sent to ``bases`` round-robin (as a balancer does); each keeps its
    process, as a sticky balancer would not need to: the draft is in the shared database."""
    stats = Stats()
    deadline = time.monotonic() + seconds
    people = [
        Respondent(bases[i % len(bases)], DEMO_SLUG, stats, seed=seed * 100_000 + i, deadline=deadline,
                   address=class_address(i))
        for i in range(respondents)
    ]
    started = time.perf_counter()
    await asyncio.gather(*(person.run() for person in people))
    return stats, time.perf_counter() - started


def run_level(cluster: Cluster, respondents: int, seconds: float) -> Level:
    before, _ = cluster.stored()
    stats, wall = asyncio.run(run_spread(cluster.bases, respondents, seconds=seconds, seed=respondents))
    after, references = cluster.stored()
    label = f"{cluster.backend} x {cluster.processes} processes" if cluster.processes > 1 else cluster.backend
    return Level(label, respondents, stats, wall, before, after, references)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--levels", default="8,32,128")
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument(
        "--seconds",
        type=float,
        default=None,
        help="deadline for each level's respondents (default 60 s + 1.5 s per respondent: ~36 requests each)",
    )
    parser.add_argument(
        "--workers", type=int, default=None, help="gunicorn workers (default: serve's default)"
    )
    parser.add_argument(
        "--processes", type=int, default=1,
        help="serve processes on one PostgreSQL and Redis, respondents round-robin (needs with-redis)",
    )
    args = parser.parse_args(argv)
    redis_url = os.environ.get(REDIS_URL_VARIABLE) or None
    if args.processes > 1 and (redis_url is None or "sqlite" in args.backends):
        parser.error(f"--processes needs --backends postgresql and {REDIS_URL_VARIABLE} (with-redis)")
    levels = [int(n) for n in args.levels.split(",")]
    results: list[Level] = []
    for backend in args.backends.split(","):
        if backend == "postgresql" and not postgres_admin_url():
            print(
                "postgresql: skipped, SAFER_VOICES_TEST_POSTGRES_URL is not set "
                "(use ./scripts/with-postgres)",
                file=sys.stderr,
            )
            continue
        if redis_url:
            import redis

            redis.Redis.from_url(redis_url).flushdb()  # no counts left from an earlier run
        with Cluster(backend, args.processes, args.workers, redis_url) as cluster:
            for count in levels:
                level = run_level(cluster, count, args.seconds or 60 + 1.5 * count)
                results.append(level)
                print(f"{backend} {count}: {level.row()}", file=sys.stderr, flush=True)
    print(HEADER)
    for level in results:
        print(level.row())
    problems = [f"{r.backend} x {r.respondents}: {p}" for r in results for p in r.problems()]
    print()
    print("\n".join(f"- {p}" for p in problems) if problems else "All levels passed.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
