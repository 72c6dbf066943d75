"""How fast the command line starts, against a bare ``python -c "import flask, sqlalchemy"``.

    python -m bench.cli_start [--repeat 15]

Each measure is a fresh process, timed from start to exit, alternating with the baseline so both
see the same machine load; the median of ``--repeat`` runs of each is reported, with its ratio to
the baseline's median. The commands run against a throwaway SQLite database that is already at the
newest schema, so ``db upgrade`` only checks it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BASELINE = [sys.executable, "-c", "import flask, sqlalchemy"]
COMMANDS = {
    "safer-voices --help": ["--help"],
    "safer-voices report --help": ["report", "--help"],
    "safer-voices partnership --help": ["partnership", "--help"],
    "safer-voices consultations --help": ["consultations", "--help"],
    "safer-voices db upgrade (nothing to do)": ["db", "upgrade"],
    "safer-voices consultations list": ["consultations", "list"],
}


def _seconds(command: list[str], environment: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=environment, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    executable = str(Path(sys.executable).with_name("safer-voices"))
    with tempfile.TemporaryDirectory() as folder:
        environment = {**os.environ, "SAFER_VOICES_INSTANCE_PATH": folder,
                       "SAFER_VOICES_DATABASE_URL": f"sqlite:///{folder}/bench.db"}
        subprocess.run([executable, "db", "upgrade"], env=environment, check=True, stdout=subprocess.DEVNULL)
        print(f"load average at start: {os.getloadavg()[0]:.2f}")
        print("| measure | median | ratio to baseline |\n|---|---|---|")
        for name, arguments in COMMANDS.items():
            baseline, measured = [], []
            _seconds([executable, *arguments], environment)  # warm the file cache
            for _ in range(args.repeat):
                baseline.append(_seconds(BASELINE, environment))
                measured.append(_seconds([executable, *arguments], environment))
            base, value = statistics.median(baseline), statistics.median(measured)
            print(f"| `{name}` | {value * 1000:.0f} ms | **{value / base:.2f}** "
                  f"(baseline {base * 1000:.0f} ms) |")
        print(f"load average at end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
