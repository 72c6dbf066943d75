"""How long ``survey.safeguarding.risk.assess`` takes: it runs on every free-text answer and bot message.

``python -m bench.safeguarding`` times assess() over every message of the safeguarding corpus
(``tests/data/safeguarding/*.csv``, short chat messages) and over one long consultation answer (579
characters, ordinary words), taking the best of several runs of CPU time so other work on a shared
machine does not count. To compare with another version of the code, run this file with that
version first on the path, for example ``PYTHONPATH=../main python bench/safeguarding.py``: the
corpus is always read from beside this file.

    python -m bench.safeguarding [--runs 15]
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

from survey.safeguarding.risk import assess

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "safeguarding"
LONG_ANSWER = (
    "I would feel safer if there were more police patrols in the town centre after dark, especially near "
    "the bus station where groups gather and there is drug dealing and fighting on friday nights. "
) * 3


def _best_cpu_seconds(work, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        work()
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    texts = []
    for path in sorted(CORPUS.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as file:
            texts += [row["text"] for row in csv.DictReader(file)]
    for text in texts:  # warm up: compile and cache everything before timing
        assess(text)
    per_message = _best_cpu_seconds(lambda: [assess(text) for text in texts], args.runs) / len(texts)
    per_long = _best_cpu_seconds(lambda: [assess(LONG_ANSWER) for _ in range(50)], args.runs) / 50
    print(f"assess(): {per_message * 1e6:.1f} us per corpus message ({len(texts)} messages), "
          f"{per_long * 1e6:.1f} us per {len(LONG_ANSWER)}-character answer")


if __name__ == "__main__":
    main()
