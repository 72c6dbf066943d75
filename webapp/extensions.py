"""Flask extensions, created unbound and attached in ``create_app``.

Rate limits count per address *and* per visitor: a school class of 32 behind one network address
must be able to answer a consultation together, so each public limit has a tight per-draft or
per-session figure and a generous per-address ceiling. Every key is an HMAC under a key derived
from the app's secret and the current hour, so the counters (in Redis, or in the shared file of
``webapp.limit_store``) never hold an address, a draft token or an email address in a form that can
be enumerated back, and the counters themselves expire with their window.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from flask import current_app, request, session
from flask_limiter import Limiter
from flask_login import current_user
from flask_wtf.csrf import CSRFProtect
from govuk_frontend_wtf.main import WTFormsHelpers

import webapp.limit_store  # noqa: F401  (registers the shared file store with ``limits``)

KEY_ROTATION_SECONDS = 3600

# Per visitor (a draft, a browser session, an officer's account) and per address (a school, a
# library, a council office: many people). A visitor that drops its cookies starts a new session
# each time, so only the address ceiling holds it back.
PER_ADDRESS_START = "600 per minute"
PER_ADDRESS_ANSWER = "1200 per minute"
PER_ADDRESS_RESUME = "100 per minute"
PER_ADDRESS_SUBMIT = "600 per minute"
PER_ADDRESS_SIGN_IN = "30 per minute"
PER_ACCOUNT_SIGN_IN = "10 per minute"
# Second-factor codes, per officer (after their password) and per address. Wrong codes also pause the
# account after a few in a row (survey.officers.two_factor); these bound the attempts on top.
PER_OFFICER_CODE = "10 per minute"
PER_ADDRESS_CODE = "30 per minute"


def _keyed(kind: str, value: str) -> str:
    """``kind:`` and an HMAC of ``value`` under this hour's key (derived from the app's secret)."""
    period = int(time.time() // KEY_ROTATION_SECONDS)
    secret = current_app.config["SECRET_KEY"].encode()
    hour_key = hmac.new(secret, f"rate-limit:{period}".encode(), hashlib.sha256).digest()
    return f"{kind}:{hmac.new(hour_key, value.encode(), hashlib.sha256).hexdigest()[:32]}"


def address_key() -> str:
    """The client's network address, keyed: shared by everyone behind one school's router."""
    return _keyed("address", request.remote_addr or "unknown")


def session_key() -> str:
    """One browser session: a random name kept in the session cookie for rate limits alone."""
    name = session.get("rate_limit_id")
    if not isinstance(name, str) or not name:
        name = secrets.token_urlsafe(16)
        session["rate_limit_id"] = name
    return _keyed("session", name)


def draft_key() -> str:
    """The draft answers in progress for the consultation in the URL (the session without one)."""
    slug = (request.view_args or {}).get("slug")
    token = (session.get("drafts") or {}).get(slug) if slug else None
    return _keyed("draft", token) if isinstance(token, str) and token else session_key()


CHAT_COOKIE = "safer_voices_chat"
"""The web chat's own cookie: a random token naming one chat (``webapp.chat.sessions``)."""


def chat_key() -> str:
    """One web chat, by its token (keyed); the browser session before a chat has started."""
    token = request.cookies.get(CHAT_COOKIE)
    return _keyed("chat", token[:64]) if token else session_key()


def account_key() -> str:
    """The officer account a sign-in is for, by the email address typed (keyed, never stored)."""
    return _keyed("account", (request.form.get("email") or "").strip().casefold()[:254])


def officer_key() -> str:
    """The officer a second-factor code is for (known from their password, not yet signed in), keyed."""
    officer = getattr(current_user, "officer", None)
    return _keyed("officer", str(officer.id)) if officer is not None else session_key()


csrf = CSRFProtect()
# A store that cannot be reached must not turn respondents away: fall back to counting in memory.
limiter = Limiter(
    key_func=address_key, default_limits=[], swallow_errors=True, in_memory_fallback_enabled=True
)
govuk_wtf = WTFormsHelpers()
