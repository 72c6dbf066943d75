"""The menu: what a person can start from it, and the choice of language. Menu buttons carry no turn, so
pressing one on an old message simply starts that flow (or offers the languages again)."""

from __future__ import annotations

from survey.conversations import texts
from survey.conversations.messages import Button, Reply, column
from survey.languages import LANGUAGES, SOURCE, translate

MENU_ACTION = "m:"
LANGUAGE_ACTION = "l:"
REPORT, WORRY, HELP, HAVENS, CHECK = "report", "worry", "help", "havens", "check"
ENTRIES = ((texts.MENU_REPORT, REPORT), (texts.MENU_WORRY, WORRY), (texts.MENU_HELP, HELP),
           (texts.MENU_HAVENS, HAVENS), (texts.MENU_CHECK, CHECK))


def menu_reply(text: str = texts.MENU, language: str = SOURCE) -> Reply:
    """The menu, under ``text`` (already in ``language``), its buttons in ``language``; the last one
    offers the other languages, each named in itself."""
    entries = [Button(translate(label, language), f"{MENU_ACTION}{flow}") for label, flow in ENTRIES]
    return Reply(text, column(*entries, Button(translate(texts.LANGUAGE_BUTTON, language), LANGUAGE_ACTION)))


def language_reply(language: str = SOURCE) -> Reply:
    """Which language to write in: a button for each, named in itself (so anyone can find their own)."""
    buttons = (Button(each.own_name, f"{LANGUAGE_ACTION}{each.code}") for each in LANGUAGES)
    return Reply(translate(texts.LANGUAGE_ASK, language), column(*buttons))


def chosen_flow(action: str) -> str | None:
    """The flow a menu button starts, or ``None`` when ``action`` is not a menu button."""
    return action.removeprefix(MENU_ACTION) if action.startswith(MENU_ACTION) else None


def chosen_language(action: str) -> str | None:
    """``""`` for the button that offers the languages, a code for a language's own button, else ``None``."""
    return action.removeprefix(LANGUAGE_ACTION) if action.startswith(LANGUAGE_ACTION) else None
