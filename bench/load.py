"""Load: concurrent respondents through the whole public flow of the demo consultation, over real HTTP.

``make load`` (or ``./scripts/with-postgres python -m bench.load``). For each backend (SQLite in a
fresh instance folder, then a new PostgreSQL database when ``SAFER_VOICES_TEST_POSTGRES_URL`` is set)
it starts ``safer-voices serve`` (gunicorn, default worker count), loads the demo, and runs 8, 32 and
128 respondents at once through ``community-safety-2026``: start, every question page, check answers,
confirmation (:mod:`bench.respondent`). It prints requests per second, p50/p95/p99 latency, every
status seen and the reconciliation (confirmations seen = new responses stored, all references
distinct, every confirmed reference stored) as a markdown table for ``bench/RESULTS.md``.

Exit code 1 if any respondent saw a 5xx other than a 503 with ``Retry-After``, a respondent did not
reach its confirmation, or the reconciliation does not hold.

    python -m bench.load [--levels 8,32,128] [--backends sqlite,postgresql] [--seconds S] [--workers N]
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from dataclasses import dataclass

from bench.respondent import Stats, percentile, run_respondents
from bench.server import DEMO_SLUG, Served, postgres_admin_url


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


def run_level(served: Served, respondents: int, seconds: float) -> Level:
    before, _ = served.stored(DEMO_SLUG)
    stats, wall = asyncio.run(
        run_respondents(served.base, DEMO_SLUG, respondents, seconds=seconds, seed=respondents)
    )
    after, references = served.stored(DEMO_SLUG)
    return Level(served.backend, respondents, stats, wall, before, after, references)


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
    args = parser.parse_args(argv)
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
        with Served(backend, workers=args.workers) as served:
            for count in levels:
                level = run_level(served, count, args.seconds or 60 + 1.5 * count)
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
