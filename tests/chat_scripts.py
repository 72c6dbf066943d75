"""Chat scripts: what a person does in a chat, step by step, and what they must see, in no channel's terms.

The same scripts run against the conversation engine on its own (:class:`EngineDriver`, in
``tests/integration/test_chat_scripts_engine.py``), the Telegram bot through the fake Bot API
(``tests/bot/test_chat_scripts.py``) and the web chat, so the chats cannot drift apart. A channel takes
part by writing a :class:`Driver`; :func:`play` runs a :class:`Script` against it and fails with the
script's name, the step and every message the person saw.

A step is one thing the person does (:func:`start`, :func:`tap`, :func:`say`, :func:`command`) and what
its replies must show. Expected words come from the code's own texts (:mod:`survey.conversations.texts`,
the shipped definitions, the services data), never written out again here; words that differ by chat
are given by channel (``texts.FORGOTTEN_IN``) and :func:`play` picks the channel's own.
"""

from __future__ import annotations

import re
import secrets
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any, Protocol

from survey.conversations import menu, texts
from survey.conversations.engine import ConversationEngine
from survey.conversations.messages import Button, Incoming, InputKind
from survey.conversations.state import ConversationKey
from survey.definitions.definition import load_template
from survey.safeguarding.risk import DANGER_LINE, NOT_WATCHED_LINE
from survey.signposting.local_services import AGE_BANDS
from survey.signposting.services import HelpTopic, load_directory
from tests.conversations import PARTNERSHIP_NAME

Text = str | Mapping[str, str] | Callable[[str], str]
"""Words to look for: the same in every chat; by channel value (``texts.FORGOTTEN_IN``); or a function
of the channel value ("telegram", "web")."""


class Action(StrEnum):
    """What the person does in a step."""

    START = "start"  # opens the chat: /start on Telegram
    TAP = "tap"  # a button, by its label, on the newest message that has buttons
    SAY = "say"  # types words and sends them
    COMMAND = "command"  # types a command: Step.text is its name without the slash ("forget")


@dataclass(frozen=True)
class Step:
    """One thing the person does, and what the replies to it (every message they get for it) must show.

    ``text`` is the label tapped, the words typed or the command's name ("" for START); ``{name}`` in it
    is filled with a value remembered from an earlier step (write ``{{`` for a brace)."""

    action: Action
    text: str = ""
    expect: tuple[Text, ...] = ()
    """Each must be in the replies, in this order: the first reply first, and within a reply left to
    right (several may be in one reply)."""
    first_reply_contains: tuple[Text, ...] = ()
    """Each must be in the very first reply (help in danger comes before anything else)."""
    buttons: tuple[Text, ...] = ()
    """Labels that must be on offer after the step (:meth:`Driver.labels`), in any order."""
    absent: tuple[Text, ...] = ()
    """None of these may be in any reply."""
    remember: re.Pattern[str] | str | None = None
    """A regular expression searched in each reply in turn; the first match's named groups are kept for
    ``{name}`` in later steps' text. No match fails the step."""

    def __post_init__(self) -> None:
        # One expectation may be given on its own, without a tuple around it.
        for name in ("expect", "first_reply_contains", "buttons", "absent"):
            value = getattr(self, name)
            if not isinstance(value, tuple):
                object.__setattr__(self, name, (value,))
        if isinstance(self.remember, str):
            object.__setattr__(self, "remember", re.compile(self.remember))

    def __str__(self) -> str:
        return f"{self.action.value} {self.text!r}" if self.text else self.action.value


def start(**expected: Any) -> Step:
    """Open the chat (Telegram: /start). ``expected``: any of Step's expectation fields."""
    return Step(Action.START, **expected)


def tap(label: str, **expected: Any) -> Step:
    """Tap the button labelled ``label`` on the newest message that has buttons."""
    return Step(Action.TAP, label, **expected)


def say(words: str, **expected: Any) -> Step:
    """Type ``words`` and send them (``{reference}``: a value remembered earlier)."""
    return Step(Action.SAY, words, **expected)


def command(name: str, **expected: Any) -> Step:
    """Type the command ``name`` (without the slash)."""
    return Step(Action.COMMAND, name, **expected)


@dataclass(frozen=True)
class Script:
    """A named conversation: steps played in order, from a fresh chat."""

    name: str
    steps: tuple[Step, ...]


class Driver(Protocol):
    """One chat channel, as a person uses it."""

    def start_fresh(self) -> None:
        """Become a new person with a new conversation (nothing carried over from an earlier script)."""

    def do(self, step: Step) -> list[str]:
        """Do what ``step`` says (its text already filled in) and return the text of every message the
        person receives for it, in order, once all have arrived (an edited message counts as one)."""

    def labels(self) -> list[str]:
        """The labels of the buttons on the newest message that has buttons."""


class ScriptFailure(AssertionError):
    """A script's expectation was not met: says which script, which step, and what was seen."""


def play(driver: Driver, script: Script, *, channel: str) -> dict[str, str]:
    """Play ``script`` against ``driver`` from a fresh chat, checking each step; ``channel`` (a
    :class:`~survey.conversations.messages.ChatChannel` value) picks the words that differ by chat.
    Returns the values remembered along the way. Raises :class:`ScriptFailure`."""
    driver.start_fresh()
    remembered: dict[str, str] = {}
    for index, step in enumerate(script.steps):
        where = f"script {script.name!r}, step {index} ({step})"
        try:
            filled = replace(step, text=step.text.format_map(remembered))
        except (KeyError, IndexError, ValueError) as error:
            raise ScriptFailure(f"{where}: cannot fill in {step.text!r} ({error!r}); remembered: "
                                f"{sorted(remembered)}") from None
        if filled.action is Action.TAP and filled.text not in (offered := driver.labels()):
            raise ScriptFailure(f"{where}: no button {filled.text!r} is offered; offered: {offered}")
        replies = driver.do(filled)
        labels = driver.labels()
        try:
            problem = _problem(filled, replies, labels, channel, remembered)
        except ScriptFailure as error:  # words missing for this channel
            problem = str(error)
        if problem:
            raise ScriptFailure(f"{where}: {problem}\n{_shown(replies, labels)}")
    return remembered


def _problem(step: Step, replies: list[str], labels: list[str], channel: str,
             remembered: dict[str, str]) -> str | None:
    """What is wrong with the replies to ``step``, or ``None``; keeps what it remembers."""
    if not replies:
        return "no reply at all"
    for expected in step.first_reply_contains:
        if (words := resolve(expected, channel)) not in replies[0]:
            return f"expected the first reply to contain {words!r}"
    position = (0, 0)  # (reply, character) where the next expected words may start
    for expected in step.expect:
        words = resolve(expected, channel)
        found = _find(replies, words, position)
        if found is None:
            after = f" at or after reply {position[0]}" if position != (0, 0) else ""
            return f"expected {words!r}{after} (expectations are checked in order)"
        position = found
    for unwanted in step.absent:
        if any((words := resolve(unwanted, channel)) in reply for reply in replies):
            return f"did not expect {words!r}"
    missing = [label for label in (resolve(b, channel) for b in step.buttons) if label not in labels]
    if missing:
        return f"expected the buttons {missing} to be offered; offered: {labels}"
    if isinstance(step.remember, re.Pattern):
        match = next((m for reply in replies if (m := step.remember.search(reply))), None)
        if match is None:
            return f"nothing in the replies matches {step.remember.pattern!r} to remember"
        remembered.update(match.groupdict())
    return None


def _find(replies: list[str], words: str, position: tuple[int, int]) -> tuple[int, int] | None:
    """Where ``words`` end, searching from ``position`` on; ``None`` when they are not there."""
    reply_index, offset = position
    for index in range(reply_index, len(replies)):
        at = replies[index].find(words, offset if index == reply_index else 0)
        if at >= 0:
            return index, at + len(words)
    return None


def _shown(replies: list[str], labels: list[str]) -> str:
    seen = "".join(f"--- reply {index}:\n{reply}\n" for index, reply in enumerate(replies))
    return f"The person saw {len(replies)} message(s):\n{seen}Buttons offered now: {labels}"


def resolve(text: Text, channel: str) -> str:
    """The words ``text`` stands for in ``channel``."""
    if isinstance(text, str):
        return text
    if isinstance(text, Mapping):
        if channel not in text:
            raise ScriptFailure(f"no words for the {channel!r} chat in {dict(text)!r}")
        return text[channel]
    return text(channel)


# --- Building expectations from the code's own words ---------------------------------------------------
def per_channel(by_channel: Mapping[str, str], **values: str) -> dict[str, str]:
    """A text that differs by chat, its placeholders filled: ``per_channel(texts.WELCOME_IN, name=...)``."""
    return {channel: words.format(**values) for channel, words in by_channel.items()}


def template_pattern(template: str, **groups: str) -> re.Pattern[str]:
    """A regular expression for a text with placeholders, each captured under its own name by the pattern
    given for it: ``template_pattern(texts.YOUR_REFERENCE, reference="[A-Z0-9-]+", code=...)``."""
    parts = []
    for literal, name, _, _ in string.Formatter().parse(template):
        parts.append(re.escape(literal))
        if name is not None:
            parts.append(f"(?P<{name}>{groups[name]})")
    return re.compile("".join(parts))


class FormWords:
    """The words of a shipped definition: its intro, its questions and their options' labels."""

    def __init__(self, template: str, language: str = "en") -> None:
        self.template = template
        self.definition = load_template(template).in_language(language)
        self.intro = self.definition.intro.strip()

    def in_language(self, code: str) -> FormWords:
        """The same form's words as a reader of ``code`` sees them (its own translations first)."""
        return FormWords(self.template, code)

    def question(self, question_id: str) -> str:
        """The words of a question."""
        return self.definition.question(question_id).text

    def option(self, question_id: str, value: str) -> str:
        """The label of the option stored as ``value``."""
        return next(o.label for o in self.definition.question(question_id).all_options if o.value == value)


def service_name(service_id: str) -> str:
    """The name of a national service (the data file's)."""
    found = load_directory().get(service_id)
    assert found is not None, service_id
    return found.name


# --- The scripts -----------------------------------------------------------------------------------------
PLACE_FORM, WORRY_FORM = FormWords("place-report"), FormWords("worry")
"""The forms the demo partnership opens (:func:`tests.conversations.make_demo_partnership`)."""
WELCOME = per_channel(texts.WELCOME_IN, name=PARTNERSHIP_NAME)
MENU_LABELS = tuple(label for label, _ in menu.ENTRIES)
SAYING = r"[A-Z0-9][A-Z0-9-]*[A-Z0-9]"
REFERENCE_AND_CODE = template_pattern(texts.YOUR_REFERENCE, reference=SAYING, code=SAYING)
"""The confirmation of a sent report: remembers ``reference`` and ``code``."""
OPEN_THE_CHAT = start(expect=(WELCOME, texts.MENU), buttons=MENU_LABELS)
SEND_IT = tap(texts.SEND, expect=(texts.THANK_YOU, texts.TRUSTED_ADULT, texts.NOT_WATCHED, texts.MENU),
              remember=REFERENCE_AND_CODE, absent=DANGER_LINE, buttons=MENU_LABELS)

UNSAFE, LIGHTING = PLACE_FORM.option("feeling", "unsafe"), PLACE_FORM.option("reasons", "poor_lighting")
PLACE_NAMED = "the underpass by the station"
UNSAFE_PLACE = Script("unsafe-place", (
    OPEN_THE_CHAT,
    tap(texts.MENU_REPORT, expect=(PLACE_FORM.intro, PLACE_FORM.question("feeling")),
        buttons=(UNSAFE, texts.CANCEL)),
    tap(UNSAFE, expect=(PLACE_FORM.question("place"), texts.LOCATION_PROMPT_IN), buttons=texts.CANCEL),
    # No map and no location shared: the place is named in words.
    say(PLACE_NAMED, expect=(texts.GOT_LOCATION, PLACE_FORM.question("reasons")),
        buttons=(LIGHTING, texts.DONE)),
    tap(LIGHTING, expect=PLACE_FORM.question("reasons"),
        buttons=(texts.TICKED_OPTION.format(label=LIGHTING), texts.DONE)),
    tap(texts.DONE, expect=PLACE_FORM.question("time_of_day"),
        buttons=PLACE_FORM.option("time_of_day", "after_school")),
    tap(texts.DONE, expect=PLACE_FORM.question("day_type"), buttons=PLACE_FORM.option("day_type", "both")),
    tap(PLACE_FORM.option("day_type", "both"), expect=PLACE_FORM.question("about_age_band"),
        buttons=texts.AGE_11_TO_15),
    tap(texts.AGE_11_TO_15, expect=PLACE_FORM.question("details"), buttons=texts.SKIP),
    tap(texts.SKIP, expect=(texts.CHECK, PLACE_NAMED, LIGHTING, texts.CHECK_SEND),
        buttons=(texts.SEND, texts.START_AGAIN)),
    SEND_IT,
))

BULLYING = WORRY_FORM.option("topic", "bullying")
WORRY_WORDS = "older kids take my lunch money every day"
WORRY_TOLD = (
    OPEN_THE_CHAT,
    tap(texts.MENU_WORRY, expect=(WORRY_FORM.intro, WORRY_FORM.question("topic")), buttons=BULLYING),
    tap(BULLYING, expect=WORRY_FORM.question("details"), buttons=texts.CANCEL),
    say(WORRY_WORDS, expect=(WORRY_FORM.question("place"), texts.LOCATION_OPTIONAL), absent=DANGER_LINE,
        buttons=texts.SKIP),
    say("the bus stop outside school", expect=(texts.GOT_LOCATION, WORRY_FORM.question("about_age_band")),
        buttons=texts.AGE_16_OR_17),
    tap(texts.AGE_16_OR_17, expect=(texts.CHECK, WORRY_WORDS, texts.CHECK_SEND), buttons=texts.SEND),
    SEND_IT,
)
WORRY = Script("worry", WORRY_TOLD)

KNIVES = WORRY_FORM.option("topic", "knives")
WORRY_ABOUT_A_KNIFE = Script("worry-about-a-knife", (
    OPEN_THE_CHAT,
    tap(texts.MENU_WORRY, expect=WORRY_FORM.question("topic"), buttons=KNIVES),
    tap(KNIVES, expect=WORRY_FORM.question("details")),
    say("a boy in my year carries a knife and says he will stab me after school",
        first_reply_contains=(DANGER_LINE, NOT_WATCHED_LINE, texts.HELD),
        expect=(DANGER_LINE, WORRY_FORM.question("place")), buttons=texts.SKIP),
    tap(texts.SKIP, expect=WORRY_FORM.question("about_age_band"), buttons=texts.AGE_RATHER_NOT_SAY),
    tap(texts.AGE_RATHER_NOT_SAY, expect=texts.CHECK, buttons=texts.SEND),
    tap(texts.SEND, first_reply_contains=(texts.THANK_YOU, texts.SENT_URGENT, DANGER_LINE),
        expect=(texts.THANK_YOU, DANGER_LINE, texts.TRUSTED_ADULT_URGENT, texts.MENU),
        remember=REFERENCE_AND_CODE, buttons=MENU_LABELS),
))

HELP_TOPIC, HELP_AGE = HelpTopic.KNIVES_WEAPONS.label, AGE_BANDS["11_15"][0]
HELP_BY_TOPIC = Script("help-by-topic", (
    OPEN_THE_CHAT,
    tap(texts.MENU_HELP, expect=texts.HELP_TOPIC, buttons=(HELP_TOPIC, texts.BACK_TO_MENU)),
    tap(HELP_TOPIC, expect=texts.HELP_AGE, buttons=(HELP_AGE, texts.AGE_RATHER_NOT_SAY, texts.BACK_TO_MENU)),
    tap(HELP_AGE, expect=(texts.HELP_SERVICES.format(topic=HELP_TOPIC), service_name("emergency"),
                          service_name("childline"), texts.TRUSTED_ADULT, texts.MENU),
        buttons=MENU_LABELS),
))

CHECK_A_REPORT = Script("check-a-report", (
    *WORRY_TOLD,
    tap(texts.MENU_CHECK, expect=texts.CHECK_REFERENCE, buttons=texts.BACK_TO_MENU),
    say("{reference}", expect=texts.CHECK_CODE, buttons=texts.BACK_TO_MENU),
    say("{code}", expect=(texts.STATUS_NEW, texts.CHECK_NO_REPLY, texts.CHECK_PRIVATE_IN),
        buttons=(texts.WITHDRAW, texts.BACK_TO_MENU)),
    tap(texts.BACK_TO_MENU, expect=(texts.CANCELLED, texts.MENU), buttons=MENU_LABELS),
))

FORGET = Script("forget", (
    OPEN_THE_CHAT,
    command("forget", expect=texts.FORGOTTEN_IN),
    say("hello again", expect=texts.MENU, buttons=MENU_LABELS),  # a new conversation: the menu again
))

SCRIPTS = (UNSAFE_PLACE, WORRY, WORRY_ABOUT_A_KNIFE, HELP_BY_TOPIC, CHECK_A_REPORT, FORGET)
"""Every script: each chat's tests play them all."""


# --- The engine on its own ------------------------------------------------------------------------------
class EngineDriver:
    """Plays scripts against a :class:`ConversationEngine` the caller built (for one channel)."""

    def __init__(self, engine: ConversationEngine, *, transcript: bool = False) -> None:
        self.engine = engine
        self.transcript = transcript
        self.key = ConversationKey("")
        self._buttons: list[Button] = []
        self.start_fresh()

    def start_fresh(self) -> None:
        self.key = ConversationKey(f"script-{secrets.token_hex(8)}")
        self._buttons = []

    def do(self, step: Step) -> list[str]:
        replies = self.engine.handle(self.key, self._incoming(step), transcript=self.transcript)
        with_buttons = [reply for reply in replies if reply.buttons]
        if with_buttons:
            self._buttons = [button for row in with_buttons[-1].buttons for button in row]
        return [reply.text for reply in replies]

    def labels(self) -> list[str]:
        return [button.label for button in self._buttons]

    def _incoming(self, step: Step) -> Incoming:
        match step.action:
            case Action.START:
                return Incoming(InputKind.COMMAND, "start")
            case Action.COMMAND:
                return Incoming(InputKind.COMMAND, step.text)
            case Action.SAY:
                return Incoming(InputKind.TEXT, step.text)
        action = next((button.action for button in self._buttons if button.label == step.text), None)
        if action is None:
            raise LookupError(f"no button {step.text!r}; offered: {self.labels()}")
        return Incoming(InputKind.BUTTON, action)
