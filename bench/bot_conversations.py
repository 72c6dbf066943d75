"""The bot under load: 1,000 concurrent simulated conversations through ``Application.process_update``.

Each conversation is a young person telling the bot a worry: /start, "Tell us about a worry", a
topic, their own words (every tenth one urgent, so the 999 reply is built too), skip the place, an age
band, "Send it" - 7 updates, ending in a stored report. All conversations run at once (asyncio tasks,
interleaved), so 1,000 conversation states are held together. Bot API calls are answered in-process
(``LocalRequest``), so the figures are the bot's own cost: PTB, the conversation engine, the runner,
safeguarding and the database (SQLite in a temporary folder).

Baseline, in the same run: the same number of updates through an Application whose only handler
echoes the text back. Peak memory is measured in a second pass with ``tracemalloc`` on.

    python -m bench.bot_conversations [--conversations 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, TypeHandler
from telegram.request import BaseRequest, RequestData

from bot.app import adapter_of, build_application
from bot.settings import BotSettings
from demo.services import load_demo_services
from survey.consultations import create_consultation
from survey.definitions.definition import template_path
from survey.partnerships import get_or_create_partnership
from survey.storage import migrate
from survey.storage.db import create_database_engine, make_session_factory
from survey.storage.models import Response
from survey.vocabulary import ConsultationStatus

TOKEN = "123456789:bench-token-not-real"
BOT_USER = {"id": 1, "is_bot": True, "first_name": "Bench", "username": "bench_bot"}
WORDS = ("people keep selling weed by the shops after school", "older boys hang around the park at night",
         "someone keeps messaging me horrible things", "my mate says he carries a knife to school")


class LocalRequest(BaseRequest):
    """Answers Bot API calls in-process, remembering each chat's newest buttons for the simulator."""

    def __init__(self) -> None:
        self.calls = 0
        self.buttons: dict[int, dict[str, str]] = {}
        self._message_id = 0

    @property
    def read_timeout(self) -> float | None:
        return None

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    async def do_request(self, url: str, method: str, request_data: RequestData | None = None,
                         *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        self.calls += 1
        name = url.rsplit("/", 1)[-1]
        params = request_data.parameters if request_data else {}
        result: Any = True
        if name == "getMe":
            result = BOT_USER
        elif name in ("sendMessage", "editMessageText"):
            self._message_id += 1
            chat_id = int(params["chat_id"])
            markup = params.get("reply_markup")
            markup = json.loads(markup) if isinstance(markup, str) else markup
            if markup and "inline_keyboard" in markup:
                self.buttons[chat_id] = {b["text"]: b["callback_data"] for row in markup["inline_keyboard"]
                                         for b in row}
            result = {"message_id": self._message_id, "date": 0, "chat": {"id": chat_id, "type": "private"},
                      "text": params.get("text", "")}
        return 200, json.dumps({"ok": True, "result": result}).encode()


def _message(chat_id: int, **content: Any) -> dict[str, Any]:
    person = {"id": chat_id, "is_bot": False, "first_name": "Sam"}
    return {"message_id": 1, "date": 1_700_000_000, "from": person,
            "chat": {"id": chat_id, "type": "private"}, **content}


class Simulator:
    def __init__(self, application: Application, request: LocalRequest) -> None:
        self.application, self.request = application, request
        self._update_id = 0
        self.updates = 0

    async def send(self, chat_id: int, **content: Any) -> None:
        self._update_id += 1
        self.updates += 1
        data = {"update_id": self._update_id, "message": _message(chat_id, **content)}
        await self.application.process_update(Update.de_json(data, self.application.bot))

    async def tap(self, chat_id: int, label: str) -> None:
        self._update_id += 1
        self.updates += 1
        action = self.request.buttons[chat_id][label]
        query = {"id": str(self._update_id), "from": {"id": chat_id, "is_bot": False, "first_name": "Sam"},
                 "chat_instance": "1", "data": action, "message": _message(chat_id, text="...")}
        data = {"update_id": self._update_id, "callback_query": query}
        await self.application.process_update(Update.de_json(data, self.application.bot))

    async def worry(self, chat_id: int) -> None:
        await self.send(chat_id, text="/start")
        await self.tap(chat_id, "Tell us about a worry")
        await self.tap(chat_id, "Drugs")
        await self.send(chat_id, text=WORDS[chat_id % len(WORDS)] + (" and he said he will stab me"
                                                                    if chat_id % 10 == 0 else ""))
        await self.tap(chat_id, "Skip this question")
        await self.tap(chat_id, "16 or 17")
        await self.tap(chat_id, "Send it")

    async def echo(self, chat_id: int) -> None:
        for text in ("/start", "hello", "a worry", "my own words", "skip", "16", "send"):
            await self.send(chat_id, text=text)


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_message and update.effective_message.text:
        await context.bot.send_message(update.effective_chat.id, update.effective_message.text)


def _database(folder: Path) -> Callable[[], Any]:
    engine = create_database_engine(f"sqlite:///{folder / 'bench-bot.db'}")
    migrate.upgrade(engine)
    factory = make_session_factory(engine)
    with factory() as session:
        partnership = get_or_create_partnership(session, "bench", "Bench Community Safety Partnership")
        load_demo_services(session, partnership)
        source = template_path("worry").read_text(encoding="utf-8")
        create_consultation(session, partnership, source, slug="bench-worries",
                            status=ConsultationStatus.OPEN)
        session.commit()
    return factory


async def _run(kind: str, conversations: int, folder: Path) -> dict[str, float]:
    request = LocalRequest()
    if kind == "echo":
        application = ApplicationBuilder().token(TOKEN).request(request).get_updates_request(request).build()
        application.add_handler(TypeHandler(Update, _echo))
    else:
        settings = BotSettings(instance_path=folder / f"instance-{time.monotonic_ns()}", secret_key="bench",
                               telegram_bot_token=TOKEN, bot_partnership="bench", _env_file=None)
        database = folder / f"db-{time.monotonic_ns()}"
        database.mkdir()
        sessions = _database(database)
        application = build_application(settings, sessions, request=request, get_updates_request=request)
    simulator = Simulator(application, request)
    async with application:
        chats = [50_000_000 + n for n in range(conversations)]
        run = simulator.echo if kind == "echo" else simulator.worry
        started = time.perf_counter()
        await asyncio.gather(*(run(chat) for chat in chats))
        elapsed = time.perf_counter() - started
    held = stored = 0
    if kind == "bot":
        held = len(adapter_of(application).engine.store)
        with sessions() as session:
            stored = session.scalar(select(func.count()).select_from(Response)) or 0
    return {"updates": simulator.updates, "seconds": elapsed, "per_second": simulator.updates / elapsed,
            "api_calls": request.calls, "conversations_held": held, "reports_stored": stored}


def _measure(kind: str, conversations: int, folder: Path) -> dict[str, float]:
    asyncio.run(_run(kind, 20, folder))  # warm-up: first imports (the sentiment models) are not measured
    timed = asyncio.run(_run(kind, conversations, folder))
    tracemalloc.start()
    asyncio.run(_run(kind, conversations, folder))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {**timed, "peak_mib": peak / 2**20}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        baseline = _measure("echo", args.conversations, folder)
        bot = _measure("bot", args.conversations, folder)
    when = f"{dt.datetime.now():%Y-%m-%d %H:%M}"
    print(f"{when}: {args.conversations} concurrent conversations, 7 updates each")
    for name, figures in (("baseline: echo handler", baseline), ("bot: worry flow to a stored report", bot)):
        print(f"{name:38} {figures['updates']:>6} updates in {figures['seconds']:6.2f} s = "
              f"{figures['per_second']:8.0f} updates/s, {figures['api_calls']:>6} API calls, "
              f"peak traced memory {figures['peak_mib']:6.1f} MiB")
    print(f"bot/baseline time per update: {baseline['per_second'] / bot['per_second']:.1f}x; "
          f"conversations held at the end: {bot['conversations_held']}; "
          f"reports stored: {bot['reports_stored']}")


if __name__ == "__main__":
    main()
