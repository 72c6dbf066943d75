"""``safer-voices bot``: a clear error without a token, the console, and real long polling."""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import select

from bot.cli import bot_command
from survey.conversations import texts
from survey.safeguarding.risk import DANGER_LINE
from survey.storage.db import make_session_factory
from survey.storage.models import Response
from survey.vocabulary import Channel
from tests.bot.conftest import bot_environment
from tests.bot.fake_bot_api import TOKEN, FakeBotAPI, Person

SAFER_VOICES = Path(sys.executable).parent / "safer-voices"


def test_without_a_token_it_says_how_to_set_one(tmp_path, own_database):
    env = bot_environment(tmp_path, own_database[0])
    result = CliRunner().invoke(bot_command, [], env={**env, "TELEGRAM_BOT_TOKEN": ""})
    assert result.exit_code == 1
    assert "TELEGRAM_BOT_TOKEN is not set" in result.output and "--console" in result.output


def test_webhook_mode_needs_a_secret(tmp_path, own_database):
    env = bot_environment(tmp_path, own_database[0], TELEGRAM_BOT_TOKEN=TOKEN)
    result = CliRunner().invoke(bot_command, ["--webhook"], env=env)
    assert result.exit_code == 1 and "TELEGRAM_WEBHOOK_SECRET" in result.output


def test_the_console_runs_the_same_flows(tmp_path, own_database):
    url, engine = own_database
    typed = ["2", "1", "there is someone with a knife outside my house right now", "1", "Prefer not to say",
             "1", "/quit"]
    result = CliRunner().invoke(bot_command, ["--console"], input="\n".join(typed) + "\n",
                                env=bot_environment(tmp_path, url))
    assert result.exit_code == 0, result.output
    output = result.output
    assert "[2] Tell us about a worry" in output and "Your reference is" in output
    assert output.index(DANGER_LINE) < output.index("Question 3 of 4")
    with make_session_factory(engine)() as session:
        [worry] = session.scalars(select(Response)).all()
    assert worry.channel is Channel.BOT and worry.urgent
    assert f"Your reference is {worry.reference}" in output


def test_the_command_long_polls_the_bot_api(tmp_path, own_database):
    api = FakeBotAPI().start()
    env = bot_environment(tmp_path, own_database[0], TELEGRAM_BOT_TOKEN=TOKEN)
    process = subprocess.Popen([str(SAFER_VOICES), "bot", "--api-base-url", api.base_url], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        api.send_text(Person(), "/start")
        replies = api.wait_for_text(texts.MENU, timeout=30)
    finally:
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=30)
        api.stop()
    assert replies[0].startswith("Hi.")
    assert process.returncode == 0, output
    assert "long polling" in output and TOKEN not in output and TOKEN.split(":")[1] not in output
