"""Flask extensions, created unbound and attached in ``create_app``."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

from flask import current_app, request
from flask_limiter import Limiter
from flask_wtf.csrf import CSRFProtect
from govuk_frontend_wtf.main import WTFormsHelpers


def anonymous_client_key() -> str:
    """A rate-limit key that is not the client's address: an HMAC of it under a key that changes
    every day. Rate-limit counters live in memory (or Redis) only and are never exported."""
    day = dt.date.today().isoformat().encode()
    key = hmac.new(current_app.config["SECRET_KEY"].encode(), b"rate-limit:" + day, hashlib.sha256).digest()
    return hmac.new(key, (request.remote_addr or "unknown").encode(), hashlib.sha256).hexdigest()[:32]


csrf = CSRFProtect()
limiter = Limiter(key_func=anonymous_client_key, default_limits=[])
govuk_wtf = WTFormsHelpers()
