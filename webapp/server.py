"""Gunicorn, embedded: ``safer-voices serve`` runs the already-built app."""

from __future__ import annotations

from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, app: Flask, options: dict[str, Any]) -> None:
        self.application = app
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Flask:
        return self.application


def run_gunicorn(app: Flask, *, host: str, port: int, workers: int) -> None:
    """Serve ``app`` until interrupted. Access logging stays off: it records client addresses."""
    _Gunicorn(
        app,
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "accesslog": None,
            "errorlog": "-",
            "loglevel": "info",
            "forwarded_allow_ips": "127.0.0.1",
            "timeout": 60,
        },
    ).run()
