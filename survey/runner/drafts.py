"""Answers in progress: held server-side between pages, keyed by a secret only the respondent has.

A draft is not a response: nothing is counted or reported until the final submit stores a
response (``survey.responses.store.store_response``) and deletes the draft in the same transaction.
The secret is a random token kept in the respondent's session cookie or, after "save and come
back later", a one-time resume code they write down. Only a SHA-256 of it is stored, so the table
alone cannot be used to resume anyone's answers. Drafts expire: a day after the last change while
in progress, 30 days after being saved for later.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from survey.answers import Answer
from survey.definitions.definition import Definition
from survey.runner.navigation import from_cell, to_cell
from survey.storage.models import Consultation, SavedProgress
from survey.storage.types import utcnow
from survey.vocabulary import Channel

IN_PROGRESS_FOR = dt.timedelta(hours=24)
SAVED_FOR = dt.timedelta(days=30)
RESUME_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read off paper
#: Expired drafts are cleared out by a new draft at most this often (seconds) in each process: the
#: delete touches every expired row, and a busy evening starts many drafts a minute.
PURGE_EVERY = 60.0
_purge_lock = threading.Lock()
_last_purge = {"at": float("-inf")}


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.strip().upper().replace("-", "").replace(" ", "").encode()).hexdigest()


def new_resume_code() -> str:
    """Twelve characters in three groups, e.g. ``K7QX-M2PA-9DRT`` (about 59 bits of randomness)."""
    raw = "".join(secrets.choice(RESUME_CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


@dataclass
class Draft:
    """The answers so far (``{question_id: Answer}``) and how the response will be stored."""

    row: SavedProgress
    answers: dict[str, Answer] = field(default_factory=dict)
    submission_key: str = ""
    channel: Channel = Channel.WEB
    preview: bool = False

    def payload(self, definition: Definition) -> dict[str, Any]:
        cells = {qid: to_cell(definition.question(qid), answer) for qid, answer in self.answers.items()}
        return {
            "answers": cells,
            "key": self.submission_key,
            "channel": self.channel.value,
            "preview": self.preview,
        }


def start_draft(
    session: Session, consultation: Consultation, *, channel: Channel = Channel.WEB, preview: bool = False
) -> tuple[str, Draft]:
    """A new empty draft and the token that opens it (for the session cookie)."""
    purge_expired_now_and_then(session)
    token = secrets.token_urlsafe(32)
    row = SavedProgress(
        consultation_id=consultation.id,
        code_hash=_hash(token),
        answers={},
        expires_at=utcnow() + IN_PROGRESS_FOR,
    )
    draft = Draft(row=row, submission_key=secrets.token_urlsafe(24), channel=channel, preview=preview)
    row.answers = {"answers": {}, "key": draft.submission_key, "channel": channel.value, "preview": preview}
    session.add(row)
    session.flush()
    return token, draft


def open_draft(
    session: Session, consultation: Consultation, definition: Definition, token: str
) -> Draft | None:
    """The live draft this token opens for this consultation, or ``None`` (unknown or expired)."""
    row = session.scalar(_BY_TOKEN, {"code_hash": _hash(token), "consultation_id": consultation.id})
    if row is None or row.expires_at <= utcnow():
        return None
    return _load(row, definition)


# Built once: every page of the public flow opens the draft, and the final submit deletes it.
_BY_TOKEN = select(SavedProgress).where(
    SavedProgress.code_hash == bindparam("code_hash"),
    SavedProgress.consultation_id == bindparam("consultation_id"),
)
_DISCARD = (
    delete(SavedProgress)
    .where(SavedProgress.id == bindparam("draft_id"))
    .execution_options(synchronize_session=False)  # the row is expunged below instead
)


def save_answers(session: Session, draft: Draft, definition: Definition) -> None:
    """Write the draft's answers back and push its expiry a day on."""
    draft.row.answers = draft.payload(definition)
    draft.row.expires_at = utcnow() + IN_PROGRESS_FOR
    session.flush()


def save_for_later(session: Session, draft: Draft, definition: Definition) -> str:
    """Swap the draft's session token for a one-time resume code (returned once, stored hashed)."""
    code = new_resume_code()
    draft.row.answers = draft.payload(definition)
    draft.row.code_hash = _hash(code)
    draft.row.expires_at = utcnow() + SAVED_FOR
    session.flush()
    return code


def resume(
    session: Session, consultation: Consultation, definition: Definition, code: str
) -> tuple[str, Draft] | None:
    """Use a resume code: the draft comes back under a new session token and the code stops working."""
    draft = open_draft(session, consultation, definition, code)
    if draft is None:
        return None
    token = secrets.token_urlsafe(32)
    draft.row.code_hash = _hash(token)
    draft.row.expires_at = utcnow() + IN_PROGRESS_FOR
    session.flush()
    return token, draft


def discard(session: Session, draft: Draft) -> None:
    """Delete the draft (after submit, or when the respondent starts again)."""
    session.execute(_DISCARD, {"draft_id": draft.row.id})
    if draft.row in session:
        session.expunge(draft.row)


def purge_expired(session: Session) -> int:
    """Delete every expired draft; returns how many."""
    result = session.execute(delete(SavedProgress).where(SavedProgress.expires_at <= utcnow()))
    return result.rowcount or 0


def purge_expired_now_and_then(session: Session) -> int:
    """:func:`purge_expired`, at most once every ``PURGE_EVERY`` seconds in this process (an expired
    draft can never be opened, so it does no harm while it waits)."""
    with _purge_lock:
        now = time.monotonic()
        if now - _last_purge["at"] < PURGE_EVERY:
            return 0
        _last_purge["at"] = now
    return purge_expired(session)


def _load(row: SavedProgress, definition: Definition) -> Draft:
    payload = row.answers or {}
    answers: dict[str, Answer] = {}
    for qid, cell in (payload.get("answers") or {}).items():
        try:
            answers[qid] = from_cell(definition.question(qid), cell)
        except (KeyError, ValueError):
            continue  # the definition changed since: drop answers it can no longer hold
    return Draft(
        row=row,
        answers=answers,
        submission_key=payload.get("key") or secrets.token_urlsafe(24),
        channel=Channel(payload.get("channel") or Channel.WEB),
        preview=bool(payload.get("preview")),
    )
