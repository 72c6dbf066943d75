"""``safer-voices bot``: run the Telegram bot (long polling or webhook) or try it in a terminal.

``webapp`` never imports this module: it is found through the ``safer_voices.commands`` entry point.
The bot's stack is imported when the command runs, not when ``safer-voices --help`` lists it.
"""

from __future__ import annotations

import asyncio
import logging
import signal

import click

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


@click.command("bot")
@click.option("--console", is_flag=True, help="Try the bot in this terminal; no Telegram token needed.")
@click.option("--webhook", is_flag=True, help="Receive updates by webhook instead of long polling.")
@click.option("--api-base-url", metavar="URL",
              help="Another Bot API server, e.g. http://127.0.0.1:8081/bot (the token is added after it).")
@click.option("--listen", default="127.0.0.1", show_default=True, help="Webhook: address to listen on.")
@click.option("--port", default=8443, show_default=True, type=click.IntRange(1, 65535), help="Webhook: port.")
@click.option("--webhook-path", default="/telegram", show_default=True, help="Webhook: path to listen on.")
@click.option("--webhook-url", metavar="URL",
              help="Webhook: the public https address Telegram should post to (registered at start).")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Webhook: bot processes behind the one address. More than 1 runs them under gunicorn; "
              "conversations are in the database (or Redis), so any process takes any update.")
def bot_command(console: bool, webhook: bool, api_base_url: str | None, listen: str, port: int,
                webhook_path: str, webhook_url: str | None, workers: int) -> None:
    """Run the Telegram bot (TELEGRAM_BOT_TOKEN must be set), or --console to try it without Telegram.

    Conversations are kept in the database, or in Redis when SAFER_VOICES_REDIS_URL is set, never in
    the process: a restart loses nothing, and with --webhook --workers N several processes answer
    one address (gunicorn in front; put your https proxy before it). Each webhook request is answered
    only once its update is committed, so Telegram sends again anything a stopped process had taken.
    """
    from bot.app import build_application, build_engine, quiet_third_party_loggers
    from bot.console import run_console
    from bot.settings import BotConfigurationError, BotSettings
    from bot.telegram_adapter import HANDLED_UPDATES
    from survey.storage.db import engine_from_settings, make_session_factory
    from survey.worker.teller import attach_task_queue

    settings = BotSettings()
    logging.basicConfig(level=settings.log_level.upper(), format=LOG_FORMAT)
    quiet_third_party_loggers()
    session_factory = make_session_factory(engine_from_settings(settings))
    attach_task_queue(session_factory, settings)  # urgent alerts go to the worker as soon as they commit
    if console:
        run_console(build_engine(settings, session_factory))
        return
    try:
        application = build_application(settings, session_factory, api_base_url=api_base_url)
        secret = settings.require_webhook_secret() if webhook else None
    except BotConfigurationError as error:
        raise click.ClickException(str(error)) from error
    if secret is None:
        click.echo("The bot is running (long polling). Press Ctrl+C to stop.")
        # Only what the bot handles: Telegram then never sends it anything else about anyone.
        application.run_polling(allowed_updates=list(HANDLED_UPDATES))
        return
    click.echo(f"The bot is listening for webhook updates on {listen}:{port}{webhook_path} "
               f"({workers} process{'es' if workers > 1 else ''}). Press Ctrl+C to stop.")
    if workers > 1:
        _serve_processes(application, settings, session_factory, api_base_url, secret, listen, port,
                         webhook_path, webhook_url, workers)
        return
    asyncio.run(_serve_until_signal(application, secret, listen, port, webhook_path, webhook_url))


def _serve_processes(application, settings, session_factory, api_base_url, secret, listen, port, path,  # type: ignore[no-untyped-def]
                     public_url, workers) -> None:
    from bot.app import build_application
    from bot.serving import serve_with_gunicorn
    from bot.telegram_adapter import HANDLED_UPDATES
    from survey.storage.db import engine_from_settings, make_session_factory
    from survey.worker.teller import attach_task_queue

    if public_url:
        async def register() -> None:
            async with application:
                await application.bot.set_webhook(public_url, secret_token=secret,
                                                  allowed_updates=list(HANDLED_UPDATES))

        asyncio.run(register())
    session_factory.kw["bind"].dispose()  # each process opens its own connections after the fork

    def build():  # type: ignore[no-untyped-def]
        factory = make_session_factory(engine_from_settings(settings))
        attach_task_queue(factory, settings)
        return build_application(settings, factory, api_base_url=api_base_url)

    serve_with_gunicorn(build, secret, host=listen, port=port, path=path, workers=workers)


async def _serve_until_signal(application, secret, listen, port, path, public_url) -> None:  # type: ignore[no-untyped-def]
    from bot.webhook import serve_webhook

    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    await serve_webhook(application, secret, host=listen, port=port, path=path, public_url=public_url,
                        stop=stop)
