"""A full disk (ENOSPC, or EFBIG past the file size limit) as the database driver reports it, at the
final submit: a 503 with Retry-After, nothing stored, no confirmation shown, the draft kept; the same
submit once there is room stores exactly one response. ``chaos/driver_check.py`` is the check; ``make
chaos`` runs it beside the real faults under load. It runs in its own process: it builds its own app
on its own database and switches the process-wide rate limiter off."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHECK = "import json; from chaos.driver_check import check; print(json.dumps(check()))"


def test_a_full_disk_at_the_final_submit_is_a_503_and_loses_nothing():
    run = subprocess.run([sys.executable, "-c", CHECK], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    results = json.loads(run.stdout.strip().splitlines()[-1])
    failed = [(promise, seen) for promise, kept, seen in results if not kept]
    assert results and failed == []
