"""``safer-voices bot --webhook --workers N``: several bot processes behind one address, under gunicorn.

Each gunicorn worker process builds its own Application (and database engine) after the fork and
runs it on an event loop in a thread of its own; gunicorn's threads hand each webhook request to
:class:`bot.webhook.WebhookServer`'s WSGI callable, which runs the update on that loop and answers
once it is committed. Conversations and the chat-id key are in the shared store, so any worker can
take any update, and Telegram may hold up to ``max_connections`` requests open at once.
gunicorn writes no access log here (it would hold nothing identifying, but nothing is better).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any

from gunicorn.app.base import BaseApplication

from bot.webhook import WebhookServer

THREADS_PER_WORKER = 8
WSGI = Callable[..., Any]


class RunningApplication:
    """A PTB Application started on an event loop running in a daemon thread."""

    def __init__(self, application: Any) -> None:
        self.application = application
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self.loop.run_forever, name="bot-loop", daemon=True)
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self.loop).result(timeout=60)

    async def _start(self) -> None:
        await self.application.initialize()
        await self.application.start()

    def stop(self) -> None:
        async def _stop() -> None:
            await self.application.stop()
            await self.application.shutdown()

        asyncio.run_coroutine_threadsafe(_stop(), self.loop).result(timeout=30)
        self.loop.call_soon_threadsafe(self.loop.stop)


def webhook_wsgi(build: Callable[[], Any], secret: str, path: str) -> tuple[WSGI, RunningApplication]:
    """The webhook's WSGI callable over a freshly built and started Application."""
    running = RunningApplication(build())
    server = WebhookServer(running.application, secret, path=path)
    server.bind_loop(running.loop)
    return server.wsgi, running


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, options: dict[str, Any], build: Callable[[], Any], secret: str, path: str) -> None:
        self._options, self._build, self._secret, self._path = options, build, secret, path
        self._running: RunningApplication | None = None
        super().__init__()

    def load_config(self) -> None:
        for name, value in self._options.items():
            self.cfg.set(name, value)
        self.cfg.set("worker_exit", self._worker_exit)

    def load(self) -> WSGI:  # runs in each worker, after the fork
        wsgi, self._running = webhook_wsgi(self._build, self._secret, self._path)
        return wsgi

    def _worker_exit(self, server: Any, worker: Any) -> None:
        if self._running is not None:
            self._running.stop()


def serve_with_gunicorn(
    build: Callable[[], Any], secret: str, *, host: str, port: int, path: str, workers: int
) -> None:
    """Run ``workers`` processes answering the webhook on ``host:port`` until stopped (Ctrl+C, SIGTERM)."""
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": THREADS_PER_WORKER,
        "timeout": 90,
        "graceful_timeout": 20,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
        "proc_name": "safer-voices-bot",
        "limit_request_line": 4094,
        "limit_request_fields": 50,
    }
    _Gunicorn(options, build, secret, path).run()
