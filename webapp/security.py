"""Security headers on every response: a nonce-based CSP and the rest of the usual set."""

from __future__ import annotations

import secrets

from flask import Flask, Response, g, request

from survey.settings import Settings


def csp_nonce() -> str:
    """This request's script nonce (templates pass it to every inline script)."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def content_security_policy(nonce: str, *, extra_img_src: tuple[str, ...] = ()) -> str:
    """``default-src 'self'``: no page may load anything from another site, bar map tiles if set."""
    img_src = " ".join(("'self'", "data:", *extra_img_src))
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src 'self' 'nonce-{nonce}'",
            "style-src 'self'",
            f"img-src {img_src}",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


def init_app(app: Flask, settings: Settings) -> None:
    app.jinja_env.globals["csp_nonce"] = csp_nonce

    @app.after_request
    def _set_headers(response: Response) -> Response:
        extra_img_src = tuple(g.get("csp_img_src", ()))
        response.headers["Content-Security-Policy"] = content_security_policy(
            csp_nonce(), extra_img_src=extra_img_src
        )
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        response.headers["Permissions-Policy"] = g.get(
            "permissions_policy", "geolocation=(), camera=(), microphone=(), interest-cohort=()"
        )
        if request.is_secure:
            response.headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
        if not request.path.startswith(app.static_url_path or "/assets"):
            # Answers and officer data must not linger in a shared device's cache or back button.
            response.headers["Cache-Control"] = "no-store"
        return response
