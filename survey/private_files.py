"""Files the app writes are its owner's only: 0600 for files, 0700 for folders.

The database (and SQLite's -wal and -shm files, which take the database file's mode), the instance
folder, the secret key, exports written from the command line and any log file can all hold what
people told a partnership. ``safer-voices serve`` also sets the process umask (``PRIVATE_UMASK``),
so anything else it creates is private too.
"""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
PRIVATE_UMASK = 0o077


def private_folder(path: Path) -> Path:
    """Create ``path`` (and its parents) as a folder only its owner can open, and tighten it if it
    was made open to others by an earlier version."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
    _tighten(path, PRIVATE_FOLDER)
    return path


def create_private_file(path: Path) -> None:
    """Make sure ``path`` exists and only its owner can read or write it (an existing file keeps its
    content)."""
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, PRIVATE_FILE))
    _tighten(path, PRIVATE_FILE)


def write_private(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path``, created 0600; a file that was already there is made 0600 first."""
    descriptor = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, PRIVATE_FILE)
    with os.fdopen(descriptor, "wb") as handle:
        if os.fstat(descriptor).st_mode & 0o077:
            os.fchmod(descriptor, PRIVATE_FILE)
        handle.write(data)


def tighten_if_present(path: Path) -> None:
    """Make an existing file 0600 if others could read it (nothing happens for a missing file)."""
    try:
        _tighten(path, PRIVATE_FILE)
    except FileNotFoundError:
        pass


def _tighten(path: Path, mode: int) -> None:
    try:
        if path.stat().st_mode & 0o077:
            path.chmod(mode)
    except PermissionError:
        pass  # not ours (a shared mount): leave it as it is
