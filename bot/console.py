"""``safer-voices bot --console``: the same conversations in a terminal, no Telegram needed.

Buttons are numbered: type the number to tap one. Type a location as ``latitude,longitude``.
Reports sent here are stored like any other bot report (channel ``bot``).
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable

import click

from survey.conversations.engine import ConversationEngine
from survey.conversations.messages import Button, Incoming, InputKind, Reply
from survey.conversations.state import ConversationKey

LOCATION = re.compile(r"\s*(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*")
QUIT = {"/quit", "/exit"}


def show(replies: list[Reply], echo: Callable[[str], None]) -> tuple[list[Button], bool]:
    """Print replies with their buttons numbered; returns the buttons and whether a location is asked for."""
    buttons: list[Button] = []
    asks_location = False
    for reply in replies:
        echo("")
        echo(reply.text)
        for row in reply.buttons:
            for button in row:
                buttons.append(button)
                echo(f"  [{len(buttons)}] {button.label}")
        if reply.ask_location:
            asks_location = True
            echo("  (To share a location, type it as latitude,longitude - for example 51.5072,-0.1276)")
    return buttons, asks_location


def to_incoming(line: str, buttons: list[Button], asks_location: bool) -> Incoming:
    key = secrets.token_hex(16)
    text = line.strip()
    if text.isdigit() and 1 <= int(text) <= len(buttons):
        return Incoming(InputKind.BUTTON, buttons[int(text) - 1].action, update_key=key)
    if text.startswith("/"):
        command = text[1:].split(maxsplit=1)[0].lower() if text[1:] else ""
        return Incoming(InputKind.COMMAND, command, update_key=key)
    match = LOCATION.fullmatch(text) if asks_location else None
    if match:
        latitude, longitude = float(match[1]), float(match[2])
        return Incoming(InputKind.LOCATION, latitude=latitude, longitude=longitude, update_key=key)
    return Incoming(InputKind.TEXT, line, update_key=key)


def run_console(
    engine: ConversationEngine, *, read: Callable[[str], str] = input,
    echo: Callable[[str], None] = click.echo,
) -> None:
    """Talk to the bot until /quit or end of input."""
    key = ConversationKey(f"console-{secrets.token_hex(8)}")
    echo("Safer Voices bot, in your terminal. Type a number to tap a button, /quit to stop.")
    buttons, asks_location = show(engine.handle(key, Incoming(InputKind.COMMAND, "start")), echo)
    while True:
        try:
            line = read("> ")
        except (EOFError, KeyboardInterrupt):
            break
        if line.strip().lower() in QUIT:
            break
        if not line.strip():
            continue
        buttons, asks_location = show(engine.handle(key, to_incoming(line, buttons, asks_location)), echo)
    echo("Bye.")
