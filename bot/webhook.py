"""Webhook mode: Telegram posts each update to us, with the secret token we gave it in a header.

The secret is compared in constant time, and a request without the right one gets 403 before the
body is even parsed, so nothing from it is processed. An update is handled while Telegram waits: the
answer is 200 only once the conversation's new state (and any report) is committed and the replies are
sent, so no process can crash holding an update Telegram thinks was delivered. The server writes no
access log and logs no address. :class:`WebhookServer` is one process (werkzeug, threaded);
:mod:`bot.serving` runs the same WSGI callable in several processes behind one address (gunicorn).

What a request may cost is bounded: a body over :data:`MAX_BODY` gets 413, including a chunked body
with no length (at most ``MAX_BODY + 1`` bytes are read to find out); a connection reads at most
:data:`MAX_CONNECTION_BYTES` and lives at most :data:`MAX_CONNECTION_SECONDS`, so neither a huge
upload nor a trickle can hold a thread (werkzeug otherwise drains whatever is left of a body, up to
10 GB, after answering).

Answers, and why (Telegram retries any non-2xx answer, holding back later updates meanwhile):

* a body that is not a JSON object: 400, since it cannot be from Telegram;
* a JSON object that is not an update the bot answers (see
  :func:`bot.telegram_adapter.update_problem`), or that python-telegram-bot cannot read: 200, dropped
  and logged without its content, since a retry of the same update would fail the same way;
* an update that could not be handled (the database or Redis down, a bug, the Bot API failing):
  503, so Telegram sends it again and it is not lost. A turn committed before the failure is not run
  twice: the conversation remembers the update's key and sends the same replies again;
* never 500.
"""

from __future__ import annotations

import asyncio
import hmac
import io
import json
import logging
import socket
import threading
import time
import traceback
from typing import Any

from telegram import Update
from telegram.ext import Application
from werkzeug.exceptions import ClientDisconnected
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

from bot.telegram_adapter import HANDLED_UPDATES, update_problem

logger = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_BODY = 1024 * 1024  # Telegram's updates are a few kilobytes
MAX_CONNECTION_BYTES = 4 * MAX_BODY  # headers, the body and what is drained after a 413
MAX_CONNECTION_SECONDS = 30.0
IDLE_SECONDS = 10.0
LINGER_SECONDS = 0.2  # after answering: how long to wait for more of a body before closing
_INPUT_KEY = "safer_voices.bounded_input"
HANDLE_SECONDS = 50.0  # Telegram gives up on a webhook request after about a minute


class _BodyTooLarge(Exception):
    pass


class _BoundedSocketInput(io.RawIOBase):
    """Reads a connection until :data:`MAX_CONNECTION_BYTES` (then end of input) or the deadline."""

    def __init__(self, connection: socket.socket) -> None:
        self._connection = connection
        self._left = MAX_CONNECTION_BYTES
        self._deadline = time.monotonic() + MAX_CONNECTION_SECONDS
        self._answered = False

    def answered(self) -> None:
        """From now on only discard what is already on its way (werkzeug drains before closing, so that
        a client still sending sees the answer rather than a reset); a pause ends the input."""
        self._answered = True

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._left <= 0:
            return 0
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("the request took too long")
        self._connection.settimeout(min(remaining, LINGER_SECONDS if self._answered else IDLE_SECONDS))
        try:
            count = self._connection.recv_into(memoryview(buffer)[: self._left])
        except TimeoutError:
            if self._answered:
                return 0
            raise
        self._left -= count
        return count


class _BoundedHandler(WSGIRequestHandler):
    """One request per connection (werkzeug closes each), read through :class:`_BoundedSocketInput`."""

    timeout = IDLE_SECONDS  # also bounds writing to a client that does not read

    def setup(self) -> None:
        super().setup()
        self.rfile.close()
        self._input = _BoundedSocketInput(self.connection)
        self.rfile = io.BufferedReader(self._input)

    def make_environ(self) -> dict[str, Any]:
        environ = super().make_environ()
        environ[_INPUT_KEY] = self._input
        return environ

    def log_request(self, *args: Any, **kwargs: Any) -> None:
        pass

    def log(self, type: str, message: str, *args: Any) -> None:
        # werkzeug would start the line with the client's address.
        logger.info("Webhook connection: %s", message % args if args else message)


def _read_body(stream: Any) -> bytes:
    """The request body, or :class:`_BodyTooLarge` once it passes :data:`MAX_BODY`."""
    body = bytearray()
    while len(body) <= MAX_BODY:
        chunk = stream.read(MAX_BODY + 1 - len(body))
        if not chunk:
            return bytes(body)
        body += chunk
    raise _BodyTooLarge


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
        try:
            response = self._respond(request)
        except Exception as error:  # a bug of ours: Telegram will send the update again
            logger.error("Could not take an update from the webhook: %s", type(error).__name__)
            response = Response("Service unavailable", status=503, headers={"Retry-After": "5"})
        if _INPUT_KEY in environ:
            environ[_INPUT_KEY].answered()
        return response(environ, start_response)

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
        try:
            body = _read_body(request.stream)
        except _BodyTooLarge:
            return Response("Too large", status=413)
        except (OSError, ClientDisconnected):  # a broken chunk header, a reset, or the deadline
            return Response("Bad request", status=400)
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):  # not UTF-8 or not JSON, a 5,000-digit number, deep nesting
            return Response("Bad request", status=400)
        if not isinstance(data, dict):
            return Response("Bad request", status=400)
        return self._take(data)

    def _take(self, data: dict[str, Any]) -> Response:
        problem = update_problem(data)
        if problem is not None:
            logger.info("Dropped an update: %s", problem)
            return Response("", status=200)
        try:
            update = Update.de_json(data, self.application.bot)
        except Exception as error:  # a field this bot does not read, in a shape the parser does not expect
            logger.info("Dropped an update that could not be read: %s", type(error).__name__)
            return Response("", status=200)
        if self._loop is None:
            return Response("Service unavailable", status=503, headers={"Retry-After": "5"})
        from bot.app import adapter_of

        handled = asyncio.run_coroutine_threadsafe(
            adapter_of(self.application).handle_now(update, self.application), self._loop)
        try:
            handled.result(timeout=HANDLE_SECONDS)
        except Exception as error:
            handled.cancel()
            frames = "".join(traceback.format_tb(error.__traceback__))
            logger.warning("Could not handle an update; Telegram will send it again: %s\n%s",
                           type(error).__name__, frames)
            return Response("Service unavailable", status=503, headers={"Retry-After": "5"})
        return Response("", status=200)

    def bind_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        """Handle updates on ``loop``, where the Application was started (:mod:`bot.serving`)."""
        self._loop = loop

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._server = make_server(self.host, self.port, self.wsgi, threaded=True,
                                   request_handler=_BoundedHandler)
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
                                              allowed_updates=list(HANDLED_UPDATES))
        await application.start()
        server = WebhookServer(application, secret, host=host, port=port, path=path)
        await server.start()
        try:
            await stop.wait()
        finally:
            await server.stop()
            await application.stop()
