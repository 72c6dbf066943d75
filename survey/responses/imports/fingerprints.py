"""Noticing a file imported twice: a fingerprint of the file and of the tool's own response ids.

Real respondents give identical answers, so answers are never part of it. Two digests are kept: of
the file's bytes (the very same file), and of the tool's response ids, or else its submission times
(the same export downloaded again, whose bytes differ: a new .xlsx has new zip timestamps). A file
matching either digest of an earlier import into the same consultation is a duplicate.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from survey.storage.models import Consultation, ImportFingerprint


@dataclass(frozen=True)
class Fingerprint:
    file_digest: str
    responses_digest: str | None


def fingerprint(data: bytes, references: Sequence[str]) -> Fingerprint:
    """The fingerprint of a file's bytes and of its responses' own ids or times (``None`` without any)."""
    ids = sorted(reference for reference in references if reference)
    responses = hashlib.sha256("\n".join(ids).encode("utf-8")).hexdigest() if ids else None
    return Fingerprint(hashlib.sha256(data).hexdigest(), responses)


def earlier_import(
    session: Session, consultation: Consultation, print_: Fingerprint
) -> ImportFingerprint | None:
    """The first earlier import into ``consultation`` with either digest of ``print_``, or ``None``."""
    same = [ImportFingerprint.file_digest == print_.file_digest]
    if print_.responses_digest is not None:
        same.append(ImportFingerprint.responses_digest == print_.responses_digest)
    return session.scalars(
        select(ImportFingerprint)
        .where(ImportFingerprint.consultation_id == consultation.id, or_(*same))
        .order_by(ImportFingerprint.imported_at, ImportFingerprint.id)
        .limit(1)
    ).first()


def record_import(
    session: Session, consultation: Consultation, print_: Fingerprint, tool: str, stored: int
) -> None:
    """Remember an import (flushes; the caller commits with the responses)."""
    session.add(ImportFingerprint(consultation_id=consultation.id, file_digest=print_.file_digest,
                                  responses_digest=print_.responses_digest, tool=tool, stored=stored))
    session.flush()
