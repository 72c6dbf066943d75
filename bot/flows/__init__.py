"""The conversations the bot offers, each a small class driven by :class:`bot.core.BotCore`."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.core import Flow


def all_flows() -> dict[str, Flow]:
    from bot.flows.form import FormFlow
    from bot.flows.havens import HavensFlow
    from bot.flows.help import HelpFlow
    from survey.vocabulary import DefinitionKind

    return {
        "report": FormFlow(DefinitionKind.PLACE_REPORT),
        "worry": FormFlow(DefinitionKind.WORRY),
        "help": HelpFlow(),
        "havens": HavensFlow(),
    }
