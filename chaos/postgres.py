"""A throwaway PostgreSQL server that a fault can stop and start (the logic of ./scripts/with-postgres).

Unlike the test server, this one is durable (``fsync`` and ``synchronous_commit`` on, the defaults):
a crash of the database must not lose a transaction it said was committed, and that is what the
restart fault checks. initdb and pg_ctl refuse to run as root, so as root they run as ``postgres``.
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from bench.server import free_port


class ThrowawayPostgres:
    def __init__(self) -> None:
        binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))
        if not binaries:
            raise RuntimeError("PostgreSQL server binaries not found (apt-get install postgresql)")
        self.bin = Path(binaries[-1])
        self.folder = Path(tempfile.mkdtemp(prefix="safer-voices-chaos-pg-"))
        self.folder.chmod(0o755)
        self.as_postgres: list[str] = []
        if os.getuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
            self.as_postgres = ["runuser", "-u", "postgres", "--"]
        self.port = free_port()
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _ctl(self, *args: str) -> None:
        subprocess.run(
            [*self.as_postgres, str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), *args],
            check=True,
            capture_output=True,
            text=True,
        )

    def start(self) -> ThrowawayPostgres:
        if not (self.folder / "data").exists():
            subprocess.run(
                [
                    *self.as_postgres,
                    str(self.bin / "initdb"),
                    "-D",
                    str(self.folder / "data"),
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                ],
                check=True,
                capture_output=True,
                text=True,
            )
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} -c max_connections=200"
        self._ctl("-l", str(self.folder / "server.log"), "-w", "-t", "60", "-o", options, "start")
        return self

    def stop(self, mode: str = "fast") -> None:
        self._ctl("-m", mode, "-w", "stop")

    def remove(self) -> None:
        try:
            self.stop("immediate")
        except subprocess.CalledProcessError:
            pass  # already stopped
        shutil.rmtree(self.folder, ignore_errors=True)
