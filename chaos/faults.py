"""Faults under load: respondents of :mod:`bench.respondent` run while a fault is injected, then the
database is reconciled with what they were told.

A scenario passes when no respondent saw a 5xx other than a 503 with ``Retry-After``, every reference
shown on a confirmation page is stored (0 accepted responses lost), no reference was shown twice, and
every respondent reached a confirmation once the fault was over. Responses stored whose confirmation
never arrived (a connection cut after the commit) are reported, not failed: the respondent was not
told their response was accepted, and it is not lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bench.respondent import Stats, run_respondents
from bench.server import DEMO_SLUG, Served
from chaos.postgres import ThrowawayPostgres

#: The CLI with SQLite's commit failing as a full disk does while FLAG exists (for machines where a
#: small tmpfs cannot be mounted). The error is raised by the driver, so SQLAlchemy wraps it as usual.
DISK_FULL_BY_FLAG = (
    "import os, sqlite3\n"
    "from sqlalchemy.engine import default\n"
    "_commit = default.DefaultDialect.do_commit\n"
    "def do_commit(self, connection):\n"
    "    if os.path.exists(os.environ['CHAOS_DISK_FULL_FLAG']):\n"
    "        raise sqlite3.OperationalError('database or disk is full')\n"
    "    _commit(self, connection)\n"
    "default.DefaultDialect.do_commit = do_commit\n"
    "from webapp.cli import main; main()"
)


@dataclass
class Outcome:
    name: str
    backend: str
    respondents: int
    stats: Stats
    before: int
    after: int
    stored_references: set[str]
    seconds: float
    notes: list[str] = field(default_factory=list)
    fault_over: float = 0.0  # time.monotonic() when the fault was over

    def errors_after(self, grace: float = 2.0) -> int:
        """5xx answers more than ``grace`` s after the fault was over: the app did not recover."""
        return sum(
            1 for when, status in self.stats.timeline if status >= 500 and when > self.fault_over + grace
        )

    def problems(self) -> list[str]:
        found = [f"{count} x {what}" for what, count in self.stats.failures.items()]
        confirmed = set(self.stats.references)
        lost = confirmed - self.stored_references
        if lost:
            found.append(f"{len(lost)} confirmed responses are not stored")
        if len(confirmed) != len(self.stats.references):
            found.append("a reference was shown twice")
        if len(confirmed) != self.respondents:
            found.append(
                f"{self.respondents - len(confirmed)} respondents never reached a confirmation "
                f"({dict(self.stats.incomplete)})"
            )
        return found

    def row(self) -> str:
        s = self.stats
        statuses = ", ".join(f"{code}: {n}" for code, n in sorted(s.statuses.items()))
        dropped = sum(s.transport_errors.values())
        confirmed = len(s.references)
        lost = len(set(s.references) - self.stored_references)
        unconfirmed = max(0, (self.after - self.before) - confirmed)
        verdict = "pass" if not self.problems() else "**FAIL**"
        return (
            f"| {self.name} | {self.backend} | {self.respondents} | {self.seconds:.0f} s | {statuses} "
            f"| {self.errors_after()} | {dropped} | {confirmed} | {self.after - self.before} | {lost} "
            f"| {unconfirmed} | {verdict} |"
        )


HEADER = (
    "| fault | backend | respondents | wall time | statuses (every attempt) | 5xx 2 s after the fault "
    "| connections cut "
    "| confirmations | new responses stored | lost | stored, confirmation not received | result |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|---|"
)


def under_load(
    name: str, served: Served, respondents: int, seconds: float, fault: Callable[[], list[str]]
) -> Outcome:
    """Run ``respondents`` through the demo consultation; call ``fault`` once they are a quarter of the
    way through (about 9 of the flow's ~36 requests each), so it lands in the middle of the load."""
    before, _ = served.stored(DEMO_SLUG)
    stats = Stats()
    result: dict[str, float] = {}

    def load() -> None:
        _, result["wall"] = asyncio.run(
            run_respondents(
                served.base, DEMO_SLUG, respondents, seconds=seconds, seed=respondents + 7, stats=stats
            )
        )

    thread = threading.Thread(target=load, name="respondents")
    thread.start()
    while stats.requests < respondents * 9 and thread.is_alive():
        time.sleep(0.05)
    notes = fault()
    fault_over = time.monotonic()
    notes.append(f"injected after {stats.requests} requests, {len(stats.references)} confirmations")
    thread.join()
    after, references = served.stored(DEMO_SLUG)
    return Outcome(
        name, served.backend, respondents, stats, before, after, references, result["wall"], notes, fault_over
    )


def kill_a_worker(backend: str, respondents: int, seconds: float) -> Outcome:
    postgres = ThrowawayPostgres().start() if backend == "postgresql" else None
    try:
        with Served(backend, admin_url=postgres.url if postgres else None) as served:

            def fault() -> list[str]:
                victim = served.worker_pids()[0]
                os.kill(victim, signal.SIGKILL)
                return [f"killed worker {victim} with SIGKILL"]

            return under_load("kill -9 a gunicorn worker", served, respondents, seconds, fault)
    finally:
        if postgres:
            postgres.remove()


def restart_postgres(respondents: int, seconds: float, *, down_for: float = 3.0) -> Outcome:
    postgres = ThrowawayPostgres().start()
    try:
        with Served("postgresql", admin_url=postgres.url) as served:

            def fault() -> list[str]:
                postgres.stop("immediate")  # a crash, not a polite shutdown
                time.sleep(down_for)
                postgres.start()
                return [
                    f"PostgreSQL stopped (immediate) and started again after {down_for:.0f} s",
                    _healthy_again(served),
                ]

            return under_load("PostgreSQL crash and restart", served, respondents, seconds, fault)
    finally:
        postgres.remove()


def _healthy_again(served: Served, seconds: float = 30) -> str:
    """How long after the database came back ``/healthz`` says the app can reach it again."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        try:
            if httpx.get(f"{served.base}/healthz", timeout=5).status_code == 200:
                return f"/healthz answered 200 again {time.monotonic() - started:.1f} s after the restart"
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    return f"/healthz still failing {seconds:.0f} s after the restart"


@contextlib.contextmanager
def small_tmpfs(size: str = "64m") -> Iterator[Path | None]:
    """A tmpfs mounted on a new folder, or None when this machine does not allow mounting."""
    folder = Path(tempfile.mkdtemp(prefix="safer-voices-chaos-tmpfs-"))
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    try:
        yield folder if mounted.returncode == 0 else None
    finally:
        if mounted.returncode == 0:
            subprocess.run(["umount", "-l", str(folder)], check=False)
        folder.rmdir()


def fill(folder: Path) -> Path:
    """Fill the file system holding ``folder`` to the last byte; the filler is returned for removal."""
    filler = folder / "filler"
    descriptor = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        for size in (1024 * 1024, 4096, 1):
            chunk = b"\0" * size
            try:
                while os.write(descriptor, chunk):
                    pass
            except OSError:
                continue  # full at this size: try smaller writes
    finally:
        os.close(descriptor)
    return filler


def disk_full(respondents: int, seconds: float, *, full_for: float = 5.0) -> Outcome:
    with small_tmpfs() as mount:
        if mount is not None:
            with Served("sqlite", sqlite_folder=mount) as served:

                def fault() -> list[str]:
                    filler = fill(mount)
                    time.sleep(full_for)
                    filler.unlink()
                    return [f"the tmpfs holding the database was full for {full_for:.0f} s"]

                return under_load("disk full (tmpfs)", served, respondents, seconds, fault)
    # Mounting is not allowed here: make the driver fail each commit as a full disk does, for a while.
    flag = Path(tempfile.mkdtemp(prefix="safer-voices-chaos-flag-")) / "full"
    with Served("sqlite", entry=DISK_FULL_BY_FLAG, extra_env={"CHAOS_DISK_FULL_FLAG": str(flag)}) as served:

        def fault() -> list[str]:
            flag.touch()
            time.sleep(full_for)
            flag.unlink()
            return [
                "mounting a tmpfs is not allowed on this machine: the SQLite driver raised "
                f"'database or disk is full' at every commit for {full_for:.0f} s instead"
            ]

        outcome = under_load("disk full (driver)", served, respondents, seconds, fault)
    flag.parent.rmdir()
    return outcome
