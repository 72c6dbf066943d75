"""Gunicorn, embedded: ``safer-voices serve`` runs the already-built app.

Everything it writes is private (umask 077), and on SQLite each worker keeps the write-ahead log
from growing without bound (``survey.storage.db.WalCheckpointer``, started after the fork: a thread
or an open SQLite connection must never be carried across a fork). The master starts one background
worker (``survey.worker.consumer.WorkerProcess``) before it forks, and stops it when it exits.
"""

from __future__ import annotations

import logging
import os
import re
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication
from gunicorn.glogging import Logger

from survey.consultations import warm_up as warm_up_queries
from survey.private_files import PRIVATE_UMASK
from survey.responses.sentiment import warm_up
from survey.safeguarding.risk import warm_up as warm_up_safeguarding
from survey.storage.db import WalCheckpointer, sqlite_database_path
from survey.worker.consumer import NO_MAIL_SERVER_WARNING, WorkerProcess
from webapp.database import DatabaseState

# An IPv4 address, or something shaped like an IPv6 one (at least two colons between hex groups).
# Erring towards masking: a clock time inside a message ("12:30:45") is masked too.
_ADDRESS = re.compile(
    r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?!\w|\.\d)"
    r"|(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:\d{1,3}\.){3}\d{1,3}|[0-9A-Fa-f]{0,4})(?![\w:]|\.\d)"
)
MASK = "[address]"
# The sockets the server itself listens on (from its configuration, not from any visitor).
_OWN_SOCKETS = frozenset({"Listening at: %s (%s)", "Listening at: %s"})


def mask_addresses(text: str) -> str:
    """``text`` with every IP address in it replaced by ``[address]``."""
    return _ADDRESS.sub(MASK, text)


class _NoAddresses(logging.Filter):
    """Masks addresses in gunicorn's own messages. Gunicorn formats a client's address into some of
    them itself ("Invalid request from ip=..."), so nothing short of rewriting the record keeps it out."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg in _OWN_SOCKETS:
            return True
        record.msg, record.args = mask_addresses(record.getMessage()), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = mask_addresses(record.exc_text)
        if record.stack_info:
            record.stack_info = mask_addresses(record.stack_info)
        return True


_NO_ADDRESSES = _NoAddresses()


class AnonymousLogger(Logger):  # type: ignore[misc]
    """Gunicorn's logger with no access log and no address in any message."""

    def setup(self, cfg: Any) -> None:
        super().setup(cfg)
        self.error_log.addFilter(_NO_ADDRESSES)

    @property
    def access_log_enabled(self) -> bool:
        return False

    def access(self, resp: Any, req: Any, environ: Any, request_time: Any) -> None:
        """Never log a request: an access log records addresses and browsers."""



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


def run_gunicorn(app: Flask, *, host: str, port: int, workers: int, background_worker: bool = False) -> None:
    """Serve ``app`` until interrupted. No access log and no client address in the error log.

    With ``background_worker``, one consumer of the task queue runs beside the web workers
    (``safer-voices serve`` does this unless told ``--no-worker``)."""
    warm_up()  # in the master, before the fork: every worker starts with the lexicons loaded
    warm_up_safeguarding()  # and with the urgent-risk rules compiled and the classifier's model loaded
    warm_up_queries()  # and with the public flow's queries built
    compile_templates(app)
    _Gunicorn(
        app,
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "accesslog": None,
            "logger_class": AnonymousLogger,
            "errorlog": "-",
            "loglevel": "info",
            "forwarded_allow_ips": "127.0.0.1",
            "timeout": 60,
            # gunicorn 27 opens one control socket per user (~/.gunicorn/gunicorn.ctl), shared by every
            # server on the host; nothing here uses it, and two servers must not fight over it.
            "control_socket_disable": True,
            **private_and_checkpointed(app),
            **with_background_worker(app, start=background_worker),
        },
    ).run()


def with_background_worker(app: Flask, *, start: bool) -> dict[str, Any]:
    """Gunicorn hooks that start one background worker when the master starts, before it forks any
    web worker (so there is one per ``serve``, not one per web worker), and stop it when it exits.
    Either way, say at start-up when no mail server is set up."""
    state: DatabaseState | None = app.extensions.get("safer_voices")
    if state is None:
        return {}
    settings = state.settings
    process = WorkerProcess(settings)

    def on_starting(arbiter: Any) -> None:
        if settings.smtp is None:
            arbiter.log.warning(NO_MAIL_SERVER_WARNING)
        if start:
            process.start()
            arbiter.log.info("Background worker started (pid %s).", process.pid)

    def on_exit(arbiter: Any) -> None:
        process.stop()

    return {"on_starting": on_starting, "on_exit": on_exit}


def compile_templates(app: Flask) -> int:
    """Compile every page template in the master, before the fork, so no worker's first visitor
    waits for it (Jinja keeps compiled templates in the environment the workers inherit)."""
    names = [name for name in app.jinja_env.list_templates() if name.endswith(".html")]
    for name in names:
        app.jinja_env.get_template(name)
    return len(names)


def private_and_checkpointed(app: Flask) -> dict[str, Any]:
    """Gunicorn options, and the process umask, for private files and a bounded SQLite log."""
    os.umask(PRIVATE_UMASK)
    options: dict[str, Any] = {"umask": PRIVATE_UMASK}
    state: DatabaseState | None = app.extensions.get("safer_voices")
    if state is None:  # an app without Safer Voices' database (the benchmark's bare baseline)
        return options
    database = sqlite_database_path(state.engine.url.render_as_string(hide_password=False))
    interval = state.settings.sqlite_checkpoint_seconds
    if database is not None and interval > 0:

        def start_checkpointer(worker: Any) -> None:
            worker.wal_checkpointer = WalCheckpointer(database, interval=interval).start()

        options["post_worker_init"] = start_checkpointer
    return options
