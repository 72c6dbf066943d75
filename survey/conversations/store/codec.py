"""A conversation as compact, versioned JSON, the form every shared store keeps it in.

Only what differs from a new conversation is written, under short names, so a conversation at the
menu is a few dozen bytes. ``"v"`` is the format: a state written in a format this code does not
know (an older or newer release mid-upgrade) reads as a new conversation rather than failing.
``last_seen`` is not written: the store keeps its own expiry.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from survey.answers import AnswerPart
from survey.conversations.messages import Button, Reply
from survey.conversations.state import Conversation, HeldWords, Said

FORMAT = 1
_BY = {"person": "p", "us": "u"}
_WHO = {short: by for by, short in _BY.items()}
_PART_FIELDS = ("option", "rank", "number", "date", "text", "latitude", "longitude")


class UnknownStateFormat(ValueError):
    """A stored state this code cannot read."""


def dumps(conversation: Conversation) -> str:
    """The conversation as compact JSON text."""
    c = conversation
    data: dict[str, Any] = {"v": FORMAT}
    optional = {
        "f": c.flow,
        "s": c.step,
        "c": c.consultation_id,
        "t": c.turn or None,
        "u": c.last_update_key,
        "a": {qid: [_part(p) for p in answer] for qid, answer in c.answers.items()} or None,
        "ch": list(c.chosen) or None,
        "x": dict(c.extra) or None,
        "r": sorted(c.risks) or None,
        "h": [c.held.key, list(c.held.texts)] if c.held is not None else None,
        "p": [_reply(reply) for reply in c.last_replies] or None,
        "l": c.language,
        "tr": [[_BY[line.by], line.text] for line in c.transcript] if c.transcript is not None else None,
    }
    data.update((name, value) for name, value in optional.items() if value is not None)
    return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def loads(text: str | bytes) -> Conversation:
    """The conversation ``dumps`` wrote; :class:`UnknownStateFormat` for any other format."""
    try:
        data = json.loads(text)
    except ValueError as error:
        raise UnknownStateFormat("not JSON") from error
    if not isinstance(data, dict) or data.get("v") != FORMAT:
        raise UnknownStateFormat(f"format {data.get('v') if isinstance(data, dict) else None!r}")
    held = data.get("h")
    return Conversation(
        flow=data.get("f"),
        step=data.get("s"),
        consultation_id=data.get("c"),
        answers={qid: tuple(_unpart(p) for p in parts) for qid, parts in data.get("a", {}).items()},
        chosen=list(data.get("ch", [])),
        extra=dict(data.get("x", {})),
        risks=set(data.get("r", [])),
        held=HeldWords(held[0], list(held[1])) if held else None,
        turn=data.get("t", 0),
        last_update_key=data.get("u"),
        last_replies=[_unreply(r) for r in data.get("p", [])],
        language=data.get("l"),
        transcript=[Said(_WHO[by], text) for by, text in data["tr"]] if "tr" in data else None,
    )


def _part(part: AnswerPart) -> dict[str, Any]:
    out = {name: getattr(part, name) for name in _PART_FIELDS if getattr(part, name) is not None}
    if "date" in out:
        out["date"] = out["date"].isoformat()
    return out


def _unpart(data: dict[str, Any]) -> AnswerPart:
    values = {name: data[name] for name in _PART_FIELDS if name in data}
    if "date" in values:
        values["date"] = dt.date.fromisoformat(values["date"])
    return AnswerPart(**values)


def _reply(reply: Reply) -> dict[str, Any]:
    out: dict[str, Any] = {"t": reply.text}
    if reply.buttons:
        out["b"] = [[[b.label, b.action] for b in row] for row in reply.buttons]
    flags = "".join(
        flag
        for flag, on in (
            ("l", reply.ask_location),
            ("r", reply.replace_previous),
            ("k", reply.clear_keyboard),
        )
        if on
    )
    if flags:
        out["f"] = flags
    if reply.location_label:
        out["lb"] = reply.location_label
    return out


def _unreply(data: dict[str, Any]) -> Reply:
    buttons = tuple(tuple(Button(label, action) for label, action in row) for row in data.get("b", []))
    flags = data.get("f", "")
    return Reply(
        data["t"],
        buttons,
        ask_location="l" in flags,
        replace_previous="r" in flags,
        clear_keyboard="k" in flags,
        location_label=data.get("lb", ""),
    )
