"""Gunicorn, embedded: ``safer-voices serve`` runs the already-built app.

Everything it writes is private (umask 077), and on SQLite each worker keeps the write-ahead log
from growing without bound (``survey.storage.db.WalCheckpointer``, started after the fork: a thread
or an open SQLite connection must never be carried across a fork).
"""

from __future__ import annotations

import os
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication

from survey.private_files import PRIVATE_UMASK
from survey.storage.db import WalCheckpointer, sqlite_database_path
from webapp.database import DatabaseState


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
            **private_and_checkpointed(app),
        },
    ).run()


def private_and_checkpointed(app: Flask) -> dict[str, Any]:
    """Gunicorn options, and the process umask, for private files and a bounded SQLite log."""
    os.umask(PRIVATE_UMASK)
    state: DatabaseState = app.extensions["safer_voices"]
    options: dict[str, Any] = {"umask": PRIVATE_UMASK}
    database = sqlite_database_path(state.engine.url.render_as_string(hide_password=False))
    interval = state.settings.sqlite_checkpoint_seconds
    if database is not None and interval > 0:

        def start_checkpointer(worker: Any) -> None:
            worker.wal_checkpointer = WalCheckpointer(database, interval=interval).start()

        options["post_worker_init"] = start_checkpointer
    return options
