"""The check code a reporter gets with their reference, to come back and see what happened.

A code is nine characters from the reference alphabet, shown in three groups (``K7Q-XM2-PAD``): easy
to read aloud and to type on a phone, with no 0/O or 1/I/L to confuse. Nine characters of 31 give
44.6 bits from :mod:`secrets`. Only a hash is stored, salted with the reference: the code guards the
"Check a report" page and the bot's check, which are rate-limited; it is not a password.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 9
CODE_BITS = CODE_LENGTH * 4.95  # log2(31) per character


def new_check_code() -> str:
    """A fresh check code such as ``K7Q-XM2-PAD``."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:3]}-{raw[3:6]}-{raw[6:]}"


def normalise(text: str) -> str:
    """A reference or code as typed (any case, spaces or dashes) in its plain letters and digits."""
    return "".join(ch for ch in text.upper() if ch.isalnum())


def stored_reference(typed: str) -> str | None:
    """A reference as typed (``k7qx m2pa 9d``, any case, with or without dashes or spaces) as it is
    stored (``K7QX-M2PA-9D``); ``None`` if it cannot be a reference."""
    plain = normalise(typed)
    if len(plain) != 10:
        return None
    return f"{plain[:4]}-{plain[4:8]}-{plain[8:]}"


def hash_check_code(reference: str, code: str) -> str:
    """The stored form of ``code`` for the response with ``reference``."""
    material = f"safer-voices-check:{normalise(reference)}:{normalise(code)}".encode()
    return hashlib.sha256(material).hexdigest()


def code_matches(reference: str, code: str, stored_hash: str | None) -> bool:
    """Whether ``code`` is the check code of ``reference``, compared in constant time."""
    if not stored_hash:
        return False
    return hmac.compare_digest(hash_check_code(reference, code), stored_hash)
