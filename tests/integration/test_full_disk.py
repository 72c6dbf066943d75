"""A full disk (ENOSPC, or EFBIG past the file size limit) as the database driver reports it, at the
final submit: a 503 with Retry-After, nothing stored, no confirmation shown, the draft kept; the same
submit once there is room stores exactly one response. ``chaos/driver_check.py`` is the check; ``make
chaos`` runs it beside the real faults under load."""

from __future__ import annotations

from chaos.driver_check import check


def test_a_full_disk_at_the_final_submit_is_a_503_and_loses_nothing():
    failed = [(promise, seen) for promise, kept, seen in check() if not kept]
    assert failed == []
