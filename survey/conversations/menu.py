"""The menu: what a person can start from it. Menu buttons carry no turn, so pressing one on an old
message simply starts that flow."""

from __future__ import annotations

from survey.conversations import texts
from survey.conversations.messages import Button, Reply, column

MENU_ACTION = "m:"
REPORT, WORRY, HELP, HAVENS, CHECK = "report", "worry", "help", "havens", "check"
ENTRIES = ((texts.MENU_REPORT, REPORT), (texts.MENU_WORRY, WORRY), (texts.MENU_HELP, HELP),
           (texts.MENU_HAVENS, HAVENS), (texts.MENU_CHECK, CHECK))


def menu_reply(text: str = texts.MENU) -> Reply:
    """The menu, under ``text``."""
    return Reply(text, column(*(Button(label, f"{MENU_ACTION}{flow}") for label, flow in ENTRIES)))


def chosen_flow(action: str) -> str | None:
    """The flow a menu button starts, or ``None`` when ``action`` is not a menu button."""
    return action.removeprefix(MENU_ACTION) if action.startswith(MENU_ACTION) else None
