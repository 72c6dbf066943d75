"""Files uploaded to the import wizard, kept between its pages and then deleted.

A file is kept only in the instance folder (``imports/``, private to the app's user), under a random
name that says nothing of the original; the import job deletes it once it has run (whatever the
outcome: :mod:`survey.worker.imports`), and any file older than
:data:`LIFETIME` is deleted the next time anyone uploads (or treated as gone before then). The
wizard's state (the random name, the tool, the sheet, the officer's changes to the matches) lives in
the signed session, one per consultation, so nobody can point the wizard at another officer's file.
"""

from __future__ import annotations

import secrets
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from flask import session

from survey.private_files import private_folder, write_private
from webapp.database import app_state

FOLDER = "imports"
LIFETIME_SECONDS = 60 * 60
_KEY = "import_wizard"


@dataclass
class Upload:
    """The wizard's state for one consultation (kept in the session)."""

    consultation_id: int
    token: str
    suffix: str
    tool: str | None = None
    sheet: str | None = None
    overrides: dict[str, str] = field(default_factory=dict)
    """Column index (as text: the session is JSON) -> target, the officer's changes to the matches."""

    @property
    def path(self) -> Path:
        return _folder() / f"{self.token}.upload"

    def read(self) -> bytes | None:
        """The file's bytes, or ``None`` once it is deleted or too old."""
        try:
            if time.time() - self.path.stat().st_mtime > LIFETIME_SECONDS:
                return None
            return self.path.read_bytes()
        except FileNotFoundError:
            return None

    def save(self) -> None:
        """Remember this state in the session."""
        session[_KEY] = asdict(self)

    @property
    def overrides_by_index(self) -> dict[int, str]:
        return {int(index): target for index, target in self.overrides.items()}


def keep_upload(
    consultation_id: int, data: bytes, suffix: str, tool: str | None, sheet: str | None
) -> Upload:
    """Keep ``data`` under a new random name (deleting old files first) and start the wizard's state."""
    sweep()
    discard()
    upload = Upload(consultation_id, secrets.token_hex(16), suffix, tool, sheet)
    write_private(upload.path, data)
    upload.save()
    return upload


def current_upload(consultation_id: int) -> Upload | None:
    """The wizard's state for this consultation, or ``None`` when no file was uploaded for it."""
    state: dict[str, Any] | None = session.get(_KEY)
    if not state or state.get("consultation_id") != consultation_id:
        return None
    token = str(state.get("token", ""))
    if len(token) != 32 or any(char not in "0123456789abcdef" for char in token):
        return None
    return Upload(**state)


def discard(consultation_id: int | None = None) -> None:
    """Delete the session's uploaded file (any consultation's when ``consultation_id`` is ``None``)."""
    state = session.get(_KEY)
    if state:
        upload = Upload(**state)
        if consultation_id is None or upload.consultation_id == consultation_id:
            upload.path.unlink(missing_ok=True)
    session.pop(_KEY, None)


def hand_over(consultation_id: int) -> None:
    """Forget the session's uploaded file without deleting it: an import job has it now, and deletes it."""
    state = session.get(_KEY)
    if state and state.get("consultation_id") == consultation_id:
        session.pop(_KEY, None)


def sweep() -> None:
    """Delete every kept file older than :data:`LIFETIME_SECONDS`."""
    now = time.time()
    for path in _folder().glob("*.upload"):
        try:
            if now - path.stat().st_mtime > LIFETIME_SECONDS:
                path.unlink(missing_ok=True)
        except FileNotFoundError:
            pass


def _folder() -> Path:
    return private_folder(app_state().settings.ensure_instance_path() / FOLDER)
