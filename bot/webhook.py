"""Webhook mode: Telegram posts each update to us, with the secret token we gave it in a header.

The secret is compared in constant time, and a request without the right one gets 403 before the
body is even parsed, so nothing from it is processed. Updates go onto the Application's queue, the
same path long polling uses. The server writes no access log (it would record addresses).
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import threading
from typing import Any

from telegram import Update
from telegram.ext import Application
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1024 * 1024


class _NoAccessLog(WSGIRequestHandler):
    def log_request(self, *args: Any, **kwargs: Any) -> None:
        pass


class WebhookServer:
    """A small threaded HTTP server in front of a started Application."""

    def __init__(self, application: Application, secret: str, *, host: str = "127.0.0.1", port: int = 8443,
                 path: str = "/telegram") -> None:
        self.application = application
        self._secret = secret.encode()
        self.host, self.port, self.path = host, port, path
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: BaseWSGIServer | None = None
        self._thread: threading.Thread | None = None

    def wsgi(self, environ: dict[str, Any], start_response: Any) -> Any:
        request = Request(environ)
        return self._respond(request)(environ, start_response)

    def _respond(self, request: Request) -> Response:
        if request.path != self.path:
            return Response("Not found", status=404)
        if request.method != "POST":
            return Response("Method not allowed", status=405, headers={"Allow": "POST"})
        given = request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self._secret):
            return Response("Forbidden", status=403)
        if (request.content_length or 0) > MAX_BODY:
            return Response("Too large", status=413)
        data = request.get_json(silent=True)
        if not isinstance(data, dict):
            return Response("Bad request", status=400)
        try:
            update = Update.de_json(data, self.application.bot)
        except (KeyError, TypeError, ValueError):
            return Response("Bad request", status=400)
        assert self._loop is not None
        queued = asyncio.run_coroutine_threadsafe(self.application.update_queue.put(update), self._loop)
        queued.result(timeout=10)
        return Response("", status=200)

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._server = make_server(self.host, self.port, self.wsgi, threaded=True,
                                   request_handler=_NoAccessLog)
        self.port = self._server.server_port
        self._thread = threading.Thread(target=self._server.serve_forever, name="webhook", daemon=True)
        self._thread.start()
        logger.info("Listening for Telegram updates on %s:%s%s", self.host, self.port, self.path)

    async def stop(self) -> None:
        if self._server is not None:
            await asyncio.to_thread(self._server.shutdown)
        if self._thread is not None:
            self._thread.join(timeout=10)


async def serve_webhook(
    application: Application, secret: str, *, host: str, port: int, path: str, public_url: str | None,
    stop: asyncio.Event,
) -> None:
    """Run until ``stop`` is set. With ``public_url``, tell Telegram where to send updates first."""
    async with application:
        if public_url:
            await application.bot.set_webhook(public_url, secret_token=secret,
                                              allowed_updates=Update.ALL_TYPES)
        await application.start()
        server = WebhookServer(application, secret, host=host, port=port, path=path)
        await server.start()
        try:
            await stop.wait()
        finally:
            await server.stop()
            await application.stop()
