"""A fake Telegram Bot API server on 127.0.0.1 for end-to-end tests of the real Application.

PTB talks to it exactly as to api.telegram.org (``base_url``): it long-polls ``getUpdates``, posts
form-encoded ``sendMessage`` calls and so on. Tests push updates in (``send_text``, ``press``...) and
assert on the calls received. It is threaded because a long poll and a ``sendMessage`` overlap.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from werkzeug.serving import WSGIRequestHandler, make_server
from werkzeug.wrappers import Request, Response

TOKEN = "123456789:TEST-fake-token-for-tests-only"
BOT_USER = {"id": 555000111, "is_bot": True, "first_name": "Safer Voices",
            "username": "safer_voices_test_bot", "can_join_groups": False,
            "can_read_all_group_messages": False, "supports_inline_queries": False}
JSON_PARAMETERS = {"chat_id", "reply_markup", "offset", "timeout", "limit", "allowed_updates", "commands",
                   "message_id", "show_alert", "drop_pending_updates", "max_connections"}


@dataclass(frozen=True)
class Person:
    """Who is talking to the bot: everything here must never be stored or logged."""

    user_id: int = 8_642_097_531
    username: str = "zebedee_quill_test"
    first_name: str = "Zebedee"
    last_name: str = "Quillfeather"
    language_code: str | None = "en"
    """The language Telegram says the person uses (``None``: Telegram does not say)."""

    def user(self) -> dict[str, Any]:
        user = {"id": self.user_id, "is_bot": False, "first_name": self.first_name,
                "last_name": self.last_name, "username": self.username, "language_code": self.language_code}
        return {key: value for key, value in user.items() if value is not None}

    def chat(self, chat_type: str = "private", chat_id: int | None = None) -> dict[str, Any]:
        if chat_type == "private":
            return {"id": self.user_id, "type": "private", "first_name": self.first_name,
                    "last_name": self.last_name, "username": self.username}
        return {"id": chat_id or -1_009_988_776_655, "type": chat_type, "title": "Year 9 group chat"}


class _Quiet(WSGIRequestHandler):
    def log_request(self, *args: Any, **kwargs: Any) -> None:  # no access log in test output
        pass


@dataclass
class Call:
    method: str
    params: dict[str, Any]


@dataclass
class FakeBotAPI:
    token: str = TOKEN
    calls: list[Call] = field(default_factory=list)
    _pending: list[dict[str, Any]] = field(default_factory=list)
    _failures: dict[str, list[tuple[int, dict[str, Any]]]] = field(default_factory=dict)
    _ids: itertools.count = field(default_factory=lambda: itertools.count(70_000))
    _message_ids: itertools.count = field(default_factory=lambda: itertools.count(1))
    _condition: threading.Condition = field(default_factory=threading.Condition)
    _epoch: int = 0  # a new Application (getMe) makes any long poll left over from an old one give up

    # --- server -----------------------------------------------------------------------------------
    def start(self) -> FakeBotAPI:
        self._server = make_server("127.0.0.1", 0, self._wsgi, threaded=True, request_handler=_Quiet)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._thread.join(timeout=10)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_port}/bot"

    def _wsgi(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        request = Request(environ)
        prefix = f"/bot{self.token}/"
        if not request.path.startswith(prefix):
            return self._json({"ok": False, "error_code": 401, "description": "Unauthorized"}, 401)(
                environ, start_response)
        method = request.path[len(prefix):]
        params = {key: _decode(key, value) for key, value in request.form.items()}
        with self._condition:
            self.calls.append(Call(method, params))
            if method in ("getMe", "deleteWebhook"):
                self._epoch += 1
            failures = self._failures.get(method)
            failure = failures.pop(0) if failures else None
            self._condition.notify_all()
        if failure is not None:
            return self._json(failure[1], failure[0])(environ, start_response)
        if method == "getUpdates":
            return self._json({"ok": True, "result": self._wait_for_updates(params)})(environ, start_response)
        result = self._result(method, params)
        if isinstance(result, dict) and "message_id" in result:
            params["_message_id"] = result["message_id"]
        return self._json({"ok": True, "result": result})(environ, start_response)

    @staticmethod
    def _json(body: dict[str, Any], status: int = 200) -> Response:
        return Response(json.dumps(body), status=status, mimetype="application/json")

    def _wait_for_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        deadline = time.monotonic() + min(float(params.get("timeout") or 0), 2.0)
        with self._condition:
            epoch = self._epoch
            while not self._pending and time.monotonic() < deadline and epoch == self._epoch:
                self._condition.wait(deadline - time.monotonic())
            if epoch != self._epoch:
                return []
            delivered, self._pending = self._pending, []
            return delivered

    def _result(self, method: str, params: dict[str, Any]) -> Any:
        match method:
            case "getMe":
                return BOT_USER
            case "sendMessage" | "editMessageText":
                message_id = params.get("message_id") or next(self._message_ids)
                chat = {"id": params["chat_id"], "type": "private"}
                message = {"message_id": message_id, "date": int(time.time()), "from": BOT_USER,
                           "chat": chat, "text": params.get("text", "")}
                if params.get("reply_markup") and "inline_keyboard" in params["reply_markup"]:
                    message["reply_markup"] = params["reply_markup"]
                return message
            case _:
                return True

    # --- what the test does -----------------------------------------------------------------------
    def fail(self, method: str, status: int = 502, *, times: int = 1, retry_after: int | None = None) -> None:
        """Make the next ``times`` calls of ``method`` fail (502 Bad Gateway, or 429 with retry_after)."""
        body: dict[str, Any] = {"ok": False, "error_code": status, "description": "Bad Gateway"}
        if retry_after is not None:
            body = {"ok": False, "error_code": 429, "description": "Too Many Requests",
                    "parameters": {"retry_after": retry_after}}
            status = 429
        with self._condition:
            self._failures.setdefault(method, []).extend([(status, body)] * times)

    def push(self, update: dict[str, Any]) -> dict[str, Any]:
        with self._condition:
            self._pending.append(update)
            self._condition.notify_all()
        return update

    def update(self, **content: Any) -> dict[str, Any]:
        return self.push({"update_id": next(self._ids), **content})

    def _message(self, person: Person, chat_type: str = "private", **content: Any) -> dict[str, Any]:
        return {"message_id": next(self._message_ids), "date": int(time.time()), "from": person.user(),
                "chat": person.chat(chat_type), **content}

    def send_text(self, person: Person, text: str, chat_type: str = "private") -> dict[str, Any]:
        return self.update(message=self._message(person, chat_type, text=text))

    def send_location(self, person: Person, latitude: float, longitude: float) -> dict[str, Any]:
        location = {"latitude": latitude, "longitude": longitude}
        return self.update(message=self._message(person, location=location))

    def send_sticker(self, person: Person) -> dict[str, Any]:
        sticker = {"file_id": "CAACAgIAAx0", "file_unique_id": "AgADx0", "width": 512, "height": 512,
                   "is_animated": False, "is_video": False, "type": "regular"}
        return self.update(message=self._message(person, sticker=sticker))

    def send_photo(self, person: Person, caption: str | None = None) -> dict[str, Any]:
        photo = [{"file_id": "AgACAgQAAx0", "file_unique_id": "AQADx0", "width": 90, "height": 90}]
        extra = {"caption": caption} if caption else {}
        return self.update(message=self._message(person, photo=photo, **extra))

    def send_voice(self, person: Person) -> dict[str, Any]:
        voice = {"file_id": "AwACAgQAAx0", "file_unique_id": "AgADvx0", "duration": 3}
        return self.update(message=self._message(person, voice=voice))

    def edit_text(self, person: Person, text: str) -> dict[str, Any]:
        return self.update(edited_message=self._message(person, text=text, edit_date=int(time.time())))

    def channel_post(self, text: str) -> dict[str, Any]:
        chat = {"id": -1_001_234_567_890, "type": "channel", "title": "Announcements"}
        return self.update(channel_post={"message_id": next(self._message_ids), "date": int(time.time()),
                                         "chat": chat, "text": text})

    def press(self, person: Person, label: str, *, data: str | None = None) -> dict[str, Any]:
        """Tap the button called ``label`` on the newest message that has it (or send raw ``data``)."""
        message_id, action = self.button(label) if data is None else (next(self._message_ids), data)
        return self.press_on(person, message_id, action)

    def press_on(self, person: Person, message_id: int, action: str) -> dict[str, Any]:
        """Tap the button carrying ``action`` on the message ``message_id``."""
        query = {"id": str(next(self._ids)), "from": person.user(), "chat_instance": "8765",
                 "data": action, "message": {"message_id": message_id, "date": int(time.time()),
                                             "from": BOT_USER, "chat": person.chat(), "text": "..."}}
        return self.update(callback_query=query)

    def button(self, label: str) -> tuple[int, str]:
        with self._condition:
            for call in reversed(self.calls):
                for row in (call.params.get("reply_markup") or {}).get("inline_keyboard", []):
                    for button in row:
                        if button["text"] == label:
                            message_id = call.params.get("message_id") or call.params.get("_message_id")
                            return int(message_id), button["callback_data"]
        raise AssertionError(f"no button {label!r} was sent; sent: {self.texts()}")

    # --- what the test checks ---------------------------------------------------------------------
    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        with self._condition:
            return [call.params for call in self.calls if call.method == method]

    def calls_since(self, mark: int) -> list[Call]:
        """The calls received after the first ``mark`` (``len(api.calls)`` taken before an update)."""
        with self._condition:
            return self.calls[mark:]

    def texts(self) -> list[str]:
        return [params.get("text", "") for params in self.sent()]

    def wait_for(self, predicate: Callable[[FakeBotAPI], bool], timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        with self._condition:
            while not predicate(self):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"timed out; messages so far: {self.texts()}")
                self._condition.wait(remaining)

    def wait_for_text(self, fragment: str, since: int = 0, timeout: float = 10.0) -> list[str]:
        """Block until a message sent after the first ``since`` contains ``fragment``; return those after
        ``since``."""
        self.wait_for(lambda api: any(fragment in text for text in api.texts()[since:]), timeout)
        return self.texts()[since:]


def _decode(key: str, value: str) -> Any:
    if key in JSON_PARAMETERS:
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value
