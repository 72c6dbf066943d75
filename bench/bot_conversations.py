"""The bot under load: 10,000 concurrent simulated conversations across several processes, each
process an ``Application`` fed its share through ``process_update``, conversations in the shared store.

Each conversation is a young person telling the bot a worry: /start, "Tell us about a worry", a
topic, their own words (every tenth one urgent, so the 999 reply is built too), skip the place, an age
band, "Send it" - 7 updates, ending in a stored report. A process runs all its conversations at once
(asyncio tasks, interleaved), and every process starts together, so every conversation is live at
once. Bot API calls are answered in-process (``LocalRequest``), so the figures are the bot's own cost:
PTB, the conversation engine and its store, the runner, safeguarding and the database. Conversations
are in the database (SQLite in a temporary folder, or ``--database-url`` PostgreSQL: a fresh database
is made on that server for each run) or, with ``--redis-url``, in Redis.

Baseline, in the same run: the same number of updates through the same number of processes, each an
Application whose only handler echoes the text back. ``--no-sentiment`` also runs the bot with the
sentiment scorer replaced by a no-op (bench only: what the reply path costs once scoring is done by
the background worker). Memory: the stored state per conversation (bytes of JSON in the store, and
Redis's own count per key), and each process's peak resident memory (``VmHWM``) against the echo's.

    python -m bench.bot_conversations [--conversations 10000] [--processes 2] [--no-sentiment]
        [--database-url postgresql+psycopg://...] [--redis-url redis://...]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import multiprocessing
import tempfile
import time
from pathlib import Path
from typing import Any

import redis
from sqlalchemy import create_engine, func, select
from sqlalchemy import text as sql
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool
from telegram import Update
from telegram.ext import Application, ApplicationBuilder, ContextTypes, TypeHandler
from telegram.request import BaseRequest, RequestData

from bot.app import build_application
from bot.settings import BotSettings
from demo.services import load_demo_services
from survey.consultations import create_consultation
from survey.conversations.store.redis_store import PREFIX as REDIS_PREFIX
from survey.definitions.definition import template_path
from survey.partnerships import get_or_create_partnership
from survey.responses.sentiment import NEUTRAL, SentimentScore, warm_up
from survey.storage import migrate
from survey.storage.db import create_database_engine, make_session_factory
from survey.storage.models import ConversationState, Response
from survey.vocabulary import ConsultationStatus

TOKEN = "123456789:bench-token-not-real"
BOT_USER = {"id": 1, "is_bot": True, "first_name": "Bench", "username": "bench_bot"}
WORDS = (
    "people keep selling weed by the shops after school",
    "older boys hang around the park at night",
    "someone keeps messaging me horrible things",
    "my mate says he carries a knife to school",
)


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

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None, *args: Any, **kwargs: Any
    ) -> tuple[int, bytes]:
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
                self.buttons[chat_id] = {
                    b["text"]: b["callback_data"] for row in markup["inline_keyboard"] for b in row
                }
            result = {
                "message_id": self._message_id,
                "date": 0,
                "chat": {"id": chat_id, "type": "private"},
                "text": params.get("text", ""),
            }
        return 200, json.dumps({"ok": True, "result": result}).encode()


def _message(chat_id: int, **content: Any) -> dict[str, Any]:
    person = {"id": chat_id, "is_bot": False, "first_name": "Sam"}
    return {
        "message_id": 1,
        "date": 1_700_000_000,
        "from": person,
        "chat": {"id": chat_id, "type": "private"},
        **content,
    }


class Simulator:
    def __init__(self, application: Application, request: LocalRequest, first_update_id: int = 0) -> None:
        self.application, self.request = application, request
        self._update_id = first_update_id  # Telegram's update ids are unique across the bot, as here
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
        query = {
            "id": str(self._update_id),
            "from": {"id": chat_id, "is_bot": False, "first_name": "Sam"},
            "chat_instance": "1",
            "data": action,
            "message": _message(chat_id, text="..."),
        }
        data = {"update_id": self._update_id, "callback_query": query}
        await self.application.process_update(Update.de_json(data, self.application.bot))

    async def worry(self, chat_id: int) -> None:
        await self.send(chat_id, text="/start")
        await self.tap(chat_id, "Tell us about a worry")
        await self.tap(chat_id, "Drugs")
        await self.send(
            chat_id,
            text=WORDS[chat_id % len(WORDS)] + (" and he said he will stab me" if chat_id % 10 == 0 else ""),
        )
        await self.tap(chat_id, "Skip this question")
        await self.tap(chat_id, "16 or 17")
        await self.tap(chat_id, "Send it")

    async def echo(self, chat_id: int) -> None:
        for text in ("/start", "hello", "a worry", "my own words", "skip", "16", "send"):
            await self.send(chat_id, text=text)


async def _echo(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    if update.effective_message and update.effective_message.text:
        await context.bot.send_message(update.effective_chat.id, update.effective_message.text)


class _NoScorer:
    """The no-op scorer of the ``--no-sentiment`` run (bench only)."""

    def score(self, text: str) -> SentimentScore:
        return NEUTRAL


def _fresh_database(folder: Path, server_url: str | None) -> str:
    """An empty, migrated database with the bench partnership and an open worry form; its URL."""
    if server_url:
        name = f"bench_bot_{time.monotonic_ns()}"
        with create_engine(server_url, isolation_level="AUTOCOMMIT", poolclass=NullPool).connect() as admin:
            admin.execute(sql(f'CREATE DATABASE "{name}"'))
        url = make_url(server_url).set(database=name).render_as_string(hide_password=False)
    else:
        url = f"sqlite:///{folder / f'bench-bot-{time.monotonic_ns()}.db'}"
    engine = create_database_engine(url)
    migrate.upgrade(engine)
    with make_session_factory(engine)() as session:
        partnership = get_or_create_partnership(session, "bench", "Bench Community Safety Partnership")
        load_demo_services(session, partnership)
        source = template_path("worry").read_text(encoding="utf-8")
        create_consultation(
            session, partnership, source, slug="bench-worries", status=ConsultationStatus.OPEN
        )
        session.commit()
    engine.dispose()
    return url


def _drop_database(url: str, server_url: str | None) -> None:
    if server_url:
        with create_engine(server_url, isolation_level="AUTOCOMMIT", poolclass=NullPool).connect() as admin:
            admin.execute(sql(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)'))


def _memory_mib(field: str) -> float:
    """``VmRSS`` (resident now) or ``VmHWM`` (the peak) of this process."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def _serve_share(
    kind: str, chats: list[int], url: str, redis_url: str | None, folder: Path, start: Any
) -> dict[str, float]:
    request = LocalRequest()
    if kind == "echo":
        application = ApplicationBuilder().token(TOKEN).request(request).get_updates_request(request).build()
        application.add_handler(TypeHandler(Update, _echo))
    else:
        settings = BotSettings(
            instance_path=folder / "instance",
            secret_key="bench",
            telegram_bot_token=TOKEN,
            bot_partnership="bench",
            database_url=url,
            redis_url=redis_url,
            _env_file=None,
        )
        sessions = make_session_factory(create_database_engine(url))
        application = build_application(settings, sessions, request=request, get_updates_request=request)
    simulator = Simulator(application, request, first_update_id=chats[0] * 100)
    async with application:
        run = simulator.echo if kind == "echo" else simulator.worry
        await asyncio.gather(*(run(chat) for chat in chats[:2]))  # warm-up: first imports, caches
        resident = _memory_mib("VmRSS")
        start.wait()
        started = time.perf_counter()
        await asyncio.gather(*(run(chat) for chat in chats[2:]))
        finished = time.perf_counter()
    return {
        "updates": simulator.updates,
        "started": started,
        "finished": finished,
        "api_calls": request.calls,
        "peak_rss_mib": _memory_mib("VmHWM"),
        "growth_mib": _memory_mib("VmHWM") - resident,
    }


def _process(
    kind: str,
    chats: list[int],
    url: str,
    redis_url: str | None,
    folder: str,
    sentiment: bool,
    start: Any,
    results: Any,
) -> None:
    if not sentiment:
        import survey.responses.store as store

        store.default_scorer = _NoScorer
    else:
        warm_up()  # load the models before the clock starts, as a running bot has
    results.put(asyncio.run(_serve_share(kind, chats, url, redis_url, Path(folder), start)))


def _store_figures(url: str, redis_url: str | None) -> dict[str, float]:
    engine = create_database_engine(url)
    with make_session_factory(engine)() as session:
        stored = session.scalar(select(func.count()).select_from(Response)) or 0
        rows, total, largest = session.execute(
            select(
                func.count(),
                func.sum(func.length(ConversationState.state)),
                func.max(func.length(ConversationState.state)),
            )
        ).one()
    engine.dispose()
    figures = {
        "reports_stored": stored,
        "conversations_held": rows or 0,
        "state_bytes": (total or 0) / rows if rows else 0.0,
        "state_bytes_max": largest or 0,
    }
    if redis_url:
        client = redis.Redis.from_url(redis_url)
        keys = list(client.scan_iter(match=f"{REDIS_PREFIX}*", count=1000))
        sample = keys[:: max(1, len(keys) // 200)]
        lengths = [len(client.hget(key, "s") or b"") for key in sample]
        usage = [client.memory_usage(key) or 0 for key in sample]
        figures.update(
            conversations_held=len(keys),
            state_bytes=sum(lengths) / max(1, len(lengths)),
            state_bytes_max=max(lengths, default=0),
            redis_bytes=sum(usage) / max(1, len(usage)),
        )
    return figures


def _measure(
    kind: str,
    conversations: int,
    processes: int,
    folder: Path,
    *,
    server_url: str | None,
    redis_url: str | None,
    sentiment: bool = True,
) -> dict[str, float]:
    if redis_url:
        redis.Redis.from_url(redis_url).flushdb()
    url = _fresh_database(folder, server_url)
    chats = [50_000_000 + n for n in range(conversations + 2 * processes)]
    context = multiprocessing.get_context("fork")
    start, results = context.Barrier(processes), context.Queue()
    workers = [
        context.Process(
            target=_process,
            args=(kind, chats[n::processes], url, redis_url, str(folder), sentiment, start, results),
        )
        for n in range(processes)
    ]
    for worker in workers:
        worker.start()
    shares = [results.get() for _ in workers]
    for worker in workers:
        worker.join()
    elapsed = max(s["finished"] for s in shares) - min(s["started"] for s in shares)
    updates = sum(s["updates"] for s in shares) - 2 * processes * 7  # the warm-up's are not timed
    figures = {
        "updates": updates,
        "seconds": elapsed,
        "per_second": updates / elapsed,
        "api_calls": sum(s["api_calls"] for s in shares),
        "peak_rss_mib": max(s["peak_rss_mib"] for s in shares),
        "growth_mib": sum(s["growth_mib"] for s in shares),
    }
    if kind == "bot":
        figures.update(_store_figures(url, redis_url))
    _drop_database(url, server_url)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=10_000)
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--database-url", help="a PostgreSQL server URL (a database is made on it per run)")
    parser.add_argument("--redis-url", help="keep conversations in this Redis database (it is emptied)")
    parser.add_argument(
        "--no-sentiment",
        action="store_true",
        help="also run the bot with a no-op sentiment scorer (bench only)",
    )
    args = parser.parse_args()
    where = {"server_url": args.database_url, "redis_url": args.redis_url}
    runs = {}
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        runs["baseline: echo handler"] = baseline = _measure(
            "echo", args.conversations, args.processes, folder, **where
        )
        runs["bot: worry flow to a stored report"] = _measure(
            "bot", args.conversations, args.processes, folder, **where
        )
        if args.no_sentiment:
            runs["bot, sentiment scorer a no-op (bench)"] = _measure(
                "bot", args.conversations, args.processes, folder, sentiment=False, **where
            )
    store = "Redis" if args.redis_url else ("PostgreSQL" if args.database_url else "SQLite")
    print(
        f"{dt.datetime.now():%Y-%m-%d %H:%M}: {args.conversations} concurrent conversations, 7 updates each, "
        f"{args.processes} processes, conversations in {store}"
    )
    for name, figures in runs.items():
        print(
            f"{name:40} {figures['updates']:>6} updates in {figures['seconds']:6.2f} s = "
            f"{figures['per_second']:7.0f} updates/s "
            f"({figures['per_second'] / baseline['per_second']:.2f} of the echo), "
            f"{figures['api_calls']:>6} API calls, peak RSS per process "
            f"{figures['peak_rss_mib']:6.1f} MiB"
        )
        if "state_bytes" in figures:
            extra = (
                f"; Redis's own memory per conversation {figures['redis_bytes']:.0f} bytes"
                if "redis_bytes" in figures
                else ""
            )
            rss = (figures["growth_mib"] - baseline["growth_mib"]) * 2**20
            print(
                f"{'':40} {figures['reports_stored']} reports stored; {figures['conversations_held']} "
                f"conversations in the store, {figures['state_bytes']:.0f} bytes of state each (largest "
                f"{figures['state_bytes_max']}){extra}; the processes' resident memory grew, above "
                f"the echo's growth, by "
                f"{rss / args.conversations:.0f} bytes per conversation"
            )


if __name__ == "__main__":
    main()
