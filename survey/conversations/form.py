"""Running a definition (a place report or a worry) as a chat: one question per message.

The questions, their order and conditions come from the definition, and every answer goes through
the answer step (:func:`answer`, called in :meth:`FormFlow._accept` only): it checks the answer with
the same rules as the web form (the partnership's boundary for a shared pin included) and says what
comes next. This module only turns buttons, words and locations into a raw answer, and a step into
messages. Steps: a question id, ``other`` (typing the words for "Other"), then ``check`` before sending.
"""

from __future__ import annotations

import logging
from typing import Any

from survey.conversations import texts
from survey.conversations.asking import group_named, option_groups, question_heading
from survey.conversations.context import Context
from survey.conversations.messages import Button, Reply, column
from survey.definitions.definition import Definition, Question
from survey.languages import translate
from survey.question_types import OTHER, ChatInput
from survey.responses.held import drop_held_message, words_not_in
from survey.responses.inbox import flag_urgent
from survey.responses.sentiment import SCORE_LATER
from survey.responses.store import ResponseError, StoredResponse, store_response
from survey.runner.navigation import display, visible_questions
from survey.runner.step import AnswerContext, RawAnswer, StepKind, answer, first_step
from survey.safeguarding.risk import RiskAssessment, RiskCategory, urgent_message
from survey.storage.models import Consultation
from survey.vocabulary import DefinitionKind

logger = logging.getLogger(__name__)

TICKED = (ChatInput.TICK, ChatInput.RANK)
"""Inputs where several options are tapped, then Done."""
CHECK, OTHER_STEP = "check", "other"


class FormFlow:
    """A place report or a worry: the open consultation of ``kind``, asked one question at a time."""

    def __init__(self, kind: DefinitionKind) -> None:
        self.kind = kind

    # --- entering and re-entering -----------------------------------------------------------------
    def start(self, ctx: Context) -> list[Reply]:
        found = ctx.form(self.kind)
        if found is None:
            return ctx.finish(Reply(ctx.t(texts.FORM_CLOSED)))
        ctx.conversation.consultation_id, definition = found
        first = first_step(definition, {}).question
        assert first is not None  # a definition has at least one question
        return [Reply(ctx.words(definition.intro.strip())), *self._ask(ctx, definition, first)]

    def current(self, ctx: Context) -> list[Reply]:
        definition = self._definition(ctx)
        step = ctx.conversation.step
        if step == CHECK:
            return self._check(ctx, definition)
        if step == OTHER_STEP:
            return [Reply(ctx.t(texts.TYPE_OTHER), column(ctx.button(texts.CANCEL, "cancel")))]
        return self._ask(ctx, definition, definition.question(step or ""), keep=True)

    # --- what the person does ---------------------------------------------------------------------
    def on_button(self, ctx: Context, action: str) -> list[Reply]:
        definition = self._definition(ctx)
        step = ctx.conversation.step
        if step == CHECK and action == "send":
            return self._send(ctx, definition)
        if step == CHECK and action == "again":
            ctx.conversation.answers, ctx.conversation.chosen = {}, []
            return self.start(ctx)
        if step == CHECK:
            return [Reply(ctx.t(texts.STALE_BUTTON)), *self._check(ctx, definition)]
        question = definition.question(ctx.conversation.extra.get("question", step))
        try:
            return self._press(ctx, definition, question, action)
        except LookupError:  # a button this question never offered (an old or forged one)
            return [Reply(ctx.t(texts.STALE_BUTTON)), *self.current(ctx)]

    def _press(self, ctx: Context, definition: Definition, question: Question, action: str) -> list[Reply]:
        kind, _, index = action.partition(":")
        match kind:
            case "skip":
                return self._accept(ctx, definition, question, None)
            case "o":
                return self._choose(ctx, definition, question, _option(question, index).value)
            case "g":
                return self._narrow(ctx, question, index)
            case "back":
                return self._ask(ctx, definition, question, keep=True)
            case "a":
                place = {_place_key(question, index): _option(question, index).value}
                return self._accept(ctx, definition, question, place)
            case "t":
                return self._tick(ctx, definition, question, _option(question, index).value)
            case "done":
                return self._done(ctx, definition, question)
        raise LookupError(action)

    def on_text(self, ctx: Context, text: str) -> list[Reply]:
        definition = self._definition(ctx)
        conversation = ctx.conversation
        if conversation.step == CHECK:
            return [Reply(ctx.t(texts.PICK_A_BUTTON)), *self._check(ctx, definition)]
        if conversation.step == OTHER_STEP:
            question = definition.question(conversation.extra["question"])
            chosen: Any = conversation.chosen if question.chat_input in TICKED else OTHER
            return self._accept(ctx, definition, question, chosen, other_text=text)
        question = definition.question(conversation.step or "")
        if question.chat_input == ChatInput.PLACE:
            return self._accept(ctx, definition, question, {"description": text}, got_place=True)
        group = group_named(question, text, ctx.language)
        if group is not None:
            return self._press(ctx, definition, question, _group_action(question, group))
        if question.chat_input in (ChatInput.CHOOSE, *TICKED):
            option = _option_named(question, text, ctx.language)
            if option is None:
                return [Reply(ctx.t(texts.PICK_A_BUTTON)), *self._ask(ctx, definition, question, keep=True)]
            if question.chat_input in TICKED:
                return self._tick(ctx, definition, question, option.value)
            return self._choose(ctx, definition, question, option.value)
        return self._accept(ctx, definition, question, text)

    def on_location(self, ctx: Context, latitude: float, longitude: float) -> list[Reply]:
        definition = self._definition(ctx)
        step = ctx.conversation.step
        question = definition.question(step) if step not in (CHECK, OTHER_STEP, None) else None
        if question is None or question.chat_input != ChatInput.PLACE:
            return [Reply(ctx.t(texts.PICK_A_BUTTON)), *self.current(ctx)]
        raw = {"latitude": latitude, "longitude": longitude}
        return self._accept(ctx, definition, question, raw, got_place=True)

    # --- answering --------------------------------------------------------------------------------
    def _choose(self, ctx: Context, definition: Definition, question: Question, value: str) -> list[Reply]:
        if value == OTHER and question.offers_other:
            return self._ask_other(ctx, question, [OTHER])
        return self._accept(ctx, definition, question, value)

    def _narrow(self, ctx: Context, question: Question, index: str) -> list[Reply]:
        """A button of a shorter keyboard that stands for several options: which one?"""
        groups = option_groups(question) or ()
        if not index.isdigit() or int(index) >= len(groups):
            raise LookupError("no such group")  # only a forged button can do this
        values = [option.value for option in question.all_options]
        buttons = [ctx.button(question.all_options[values.index(value)].label, f"o:{values.index(value)}")
                   for value in groups[int(index)].values]
        return [Reply(ctx.t(texts.WHICH_ONE), column(*buttons, ctx.button(texts.GO_BACK, "back"),
                                              ctx.button(texts.CANCEL, "cancel")))]

    def _tick(self, ctx: Context, definition: Definition, question: Question, value: str) -> list[Reply]:
        chosen = ctx.conversation.chosen
        chosen.remove(value) if value in chosen else chosen.append(value)
        return self._ask(ctx, definition, question, keep=True, replace=True)

    def _done(self, ctx: Context, definition: Definition, question: Question) -> list[Reply]:
        chosen = list(ctx.conversation.chosen)
        if OTHER in chosen and question.offers_other:
            return self._ask_other(ctx, question, chosen)
        return self._accept(ctx, definition, question, chosen)

    def _ask_other(self, ctx: Context, question: Question, chosen: list[str]) -> list[Reply]:
        conversation = ctx.conversation
        conversation.step, conversation.chosen = OTHER_STEP, chosen
        conversation.extra["question"] = question.id
        return [Reply(ctx.t(texts.TYPE_OTHER), column(ctx.button(texts.CANCEL, "cancel")))]

    def _accept(
        self, ctx: Context, definition: Definition, question: Question, raw: Any, *,
        other_text: str | None = None, got_place: bool = False,
    ) -> list[Reply]:
        """The one door for answers: the answer step checks it and says what comes next."""
        conversation = ctx.conversation
        info = ctx.partnership
        step = answer(definition, conversation.answers, question.id, RawAnswer(raw, other_text),
                      context=info.answer_context if info else AnswerContext())
        if step.kind is StepKind.PROBLEM:  # nothing kept: the same question again, with what to fix
            problem = Reply(ctx.words(step.problem or ""))
            return [problem, *self._ask(ctx, definition, step.question or question)]
        conversation.answers = dict(step.answers)
        conversation.extra.pop("question", None)
        replies = [Reply(ctx.t(texts.GOT_LOCATION), clear_keyboard=True)] if got_place else []
        if step.kind is StepKind.CHECK_ANSWERS or step.question is None:
            return replies + self._check(ctx, definition)
        return replies + self._ask(ctx, definition, step.question)

    # --- asking -----------------------------------------------------------------------------------
    def _ask(
        self, ctx: Context, definition: Definition, question: Question, *, keep: bool = False,
        replace: bool = False,
    ) -> list[Reply]:
        conversation = ctx.conversation
        conversation.step = question.id
        conversation.extra.pop("question", None)
        if not keep:
            conversation.chosen = []
        heading = question_heading(definition, conversation.answers, question.id, ctx.language)
        tick = {ChatInput.TICK: texts.TICK_ALL_THAT_APPLY, ChatInput.RANK: texts.TAP_IN_ORDER}.get(
            question.chat_input)
        hint = ctx.words(question.hint or "")
        asked = texts.lines(ctx.words(question.text), hint, ctx.t(tick) if tick else None)
        words = texts.paragraphs(heading, asked)
        finishing = [ctx.button(texts.SKIP, "skip")] if not question.required else []
        finishing.append(ctx.button(texts.CANCEL, "cancel"))
        if question.chat_input == ChatInput.CHOOSE:
            return [Reply(words, column(*self._choices(ctx, question), *finishing))]
        if question.chat_input in TICKED:
            options = [ctx.button(_tick_label(question, conversation.chosen, o.value, ctx.words(o.label),
                                              ctx.language), f"t:{i}")
                       for i, o in enumerate(question.all_options)]
            done = ctx.button(texts.DONE, "done")
            return [Reply(words, column(*options, done, *finishing[-1:]), replace_previous=replace)]
        if question.chat_input == ChatInput.PLACE:
            places = [ctx.button(o.label, f"a:{i}") for i, o in enumerate(question.all_options)]
            more = texts.LOCATION_AREAS if places else (
                texts.LOCATION_OPTIONAL if not question.required else texts.LOCATION_STOP)
            prompt = ctx.t(texts.LOCATION_PROMPT_IN[ctx.channel])
            return [Reply(texts.paragraphs(words, prompt), ask_location=True,
                          location_label=ctx.t(texts.SHARE_LOCATION)),
                    Reply(ctx.t(more), column(*places, *finishing))]
        return [Reply(words, column(*finishing))]

    @staticmethod
    def _choices(ctx: Context, question: Question) -> list[Button]:
        groups = option_groups(question)
        if groups is None:
            return [ctx.button(o.label, f"o:{i}") for i, o in enumerate(question.all_options)]
        return [ctx.button(group.label, _group_action(question, i)) for i, group in enumerate(groups)]

    def _check(self, ctx: Context, definition: Definition) -> list[Reply]:
        conversation = ctx.conversation
        conversation.step = CHECK
        shown = [texts.lines(ctx.words(question.text),
                             ctx.words(display(question, conversation.answers.get(question.id, ()))))
                 for question in visible_questions(definition, conversation.answers)]
        buttons = column(ctx.button(texts.SEND, "send"), ctx.button(texts.START_AGAIN, "again"),
                         ctx.button(texts.CANCEL, "cancel"))
        return [Reply(texts.paragraphs(ctx.t(texts.CHECK), *shown, ctx.t(texts.CHECK_SEND)), buttons)]

    def _send(self, ctx: Context, definition: Definition) -> list[Reply]:
        conversation = ctx.conversation
        session = ctx.session()
        consultation = session.get_one(Consultation, conversation.consultation_id)
        try:
            stored = store_response(session, consultation, definition, conversation.answers,
                                    channel=ctx.channel.recorded_as, submission_key=ctx.incoming.update_key,
                                    scorer=SCORE_LATER,  # the worker scores it: the reply never waits
                                    language=ctx.language)
        except ResponseError as error:
            question = definition.question(next(iter(error.errors)))
            return [Reply(ctx.words(error.errors[question.id])), *self._ask(ctx, definition, question)]
        if stored.created and conversation.risks:
            # Something urgent was said during this report even if not in the words that are kept.
            flag_urgent(session, stored.response, conversation.risks)
        held = conversation.held
        if stored.created and held is not None:
            # Words of danger held from this chat: the report carries those it stored; the rest
            # (said at the menu, or typed where a button was wanted) stay held, to be passed on.
            held.texts = words_not_in(stored.response, held.texts)
            drop_held_message(session, held.key, keep=held.texts)
            conversation.held = held if held.texts else None
        session.commit()
        # What happened, never who or what they said: the reference is not logged either.
        logger.info("Stored a %s from the %s chat (urgent: %s, new: %s)", self.kind.value.replace("_", " "),
                    ctx.channel.value, stored.response.urgent, stored.created)
        return ctx.finish(*sent_replies(ctx, stored))

    @staticmethod
    def _definition(ctx: Context) -> Definition:
        return ctx.definition(ctx.conversation.consultation_id or 0)


def sent_replies(ctx: Context, stored: StoredResponse) -> list[Reply]:
    """What someone is told once their report is sent: thanks first; for an urgent report, how to get
    help now (999 first) before the reference; the reference and check code; a trusted adult."""
    response, t = stored.response, ctx.t
    if stored.check_code is None:  # sent before (the same update again, after a restart)
        already = t(texts.ALREADY_SENT, reference=response.reference)
        return [Reply(texts.paragraphs(t(texts.THANK_YOU), already))]
    reference = t(texts.YOUR_REFERENCE, reference=response.reference, code=stored.check_code)
    if not response.urgent:
        return [Reply(texts.paragraphs(t(texts.THANK_YOU), reference, t(texts.TRUSTED_ADULT),
                                       t(texts.NOT_WATCHED)))]
    known = {category.value for category in RiskCategory}
    categories = {RiskCategory(c) for c in (response.risk_categories or "").split(",") if c in known}
    categories = categories or {RiskCategory.IMMEDIATE_DANGER}
    assessment = RiskAssessment(urgent=True, categories=frozenset(categories))
    info = ctx.partnership
    help_now = urgent_message(assessment, info.directory, ctx.language) if info else t(texts.NOT_WATCHED)
    return [Reply(texts.paragraphs(t(texts.THANK_YOU), t(texts.SENT_URGENT), help_now)),
            Reply(texts.paragraphs(reference, t(texts.TRUSTED_ADULT_URGENT)))]


def _group_action(question: Question, index: int) -> str:
    """A shorter keyboard's button: the option itself when it stands for one, else "which one?"."""
    group = (option_groups(question) or ())[index]
    if len(group.values) > 1:
        return f"g:{index}"
    return f"o:{[option.value for option in question.all_options].index(group.values[0])}"


def _tick_label(question: Question, chosen: list[str], value: str, label: str, language: str) -> str:
    if value not in chosen:
        return label
    if question.chat_input == ChatInput.RANK:
        return translate(texts.RANKED_OPTION, language, rank=chosen.index(value) + 1, label=label)
    return translate(texts.TICKED_OPTION, language, label=label)


def _option(question: Question, index: str) -> Any:
    options = question.all_options
    if not index.isdigit() or int(index) >= len(options):
        raise LookupError("no such option")  # only a forged button can do this
    return options[int(index)]


def _place_key(question: Any, index: str) -> str:
    return "area" if _option(question, index) in question.areas else "landmark"


def _option_named(question: Question, text: str, language: str) -> Any:
    """The option whose label (in English or the chat's language, or its value) someone typed instead of
    tapping, if any."""
    wanted = " ".join(text.casefold().split())
    return next((o for o in question.all_options
                 if wanted in (o.label.casefold(), translate(o.label, language).casefold(), o.value)), None)
