"""Survey definitions: what a consultation, place report or worry asks, loaded from YAML.

A definition is data: officers (or developers, for the shipped templates in ``survey/definitions/templates``)
write YAML, the loader checks it and the runner runs it. Top level::

    id: community-safety-2025          # stable slug: lower-case letters, digits and hyphens
    kind: consultation                 # consultation | place_report | worry
    title: Community safety consultation
    intro: Short paragraphs of plain text.
    privacy_notice: What we keep, for how long, and who sees it.
    opens: 2025-01-06                  # optional ISO dates; closes must not be before opens
    closes: 2025-03-02
    pages:
      - title: Priorities              # optional; pages only group questions for authors
        questions:
          - id: priorities             # ^[a-z][a-z0-9_]{0,62}$, unique in the definition
            type: ranking
            text: How would you rank these issues?
            options: [Anti-social behaviour, Violence, Burglary and theft]
            rank: 2
          - about_you: [age_band, gender]

Any text may instead be a mapping of language to words (``title: {en: ..., cy: ..., pl: ..., ur: ...}``):
the models hold the English, :meth:`Definition.in_language` gives the definition in another language
and :meth:`Definition.missing_texts` says what lacks which language (see
:mod:`survey.definitions.translations`).

Question fields and types are in :mod:`survey.question_types` (one module per type); the
``about_you:`` block is expanded by :mod:`survey.question_types.about_you`. Checks that need the
whole definition live here: question ids unique, ``show_if`` refers to an earlier choice question
and to option values it has, ``closes`` not before ``opens``.

:func:`parse_definition` and :func:`load_definition` raise :class:`DefinitionError` naming the file,
the line and what is wrong, e.g.
``community.yaml, line 42: question 'q3': rank (6) is more than the number of options (5)``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, PrivateAttr, ValidationError, model_validator

from survey.definitions.errors import DefinitionError, DefinitionProblem, describe_validation_error, located
from survey.definitions.translations import (
    OPTION_GROUPS,
    OTHER_LANGUAGES,
    QUESTION_TEXTS,
    TOP_TEXTS,
    DefinitionText,
    localised,
    split_texts,
)
from survey.definitions.yaml_source import LineDict, LineList, YAMLSourceError, load_yaml
from survey.languages import SOURCE, language
from survey.question_types import (
    CONDITION_TYPES,
    DONT_KNOW,
    LOCATION_DESCRIPTION_MAX_LENGTH,
    OTHER,
    OTHER_TEXT_MAX_LENGTH,
    QUESTION_TYPES,
    DefinitionId,
    Option,
    Question,
    ShowIf,
    StrictModel,
    Text,
    slugify,
)
from survey.question_types.about_you import ABOUT_YOU_QUESTION_IDS, expand_about_you, is_about_you_block

__all__ = [
    "ABOUT_YOU_QUESTION_IDS",
    "CONDITION_TYPES",
    "DONT_KNOW",
    "LOCATION_DESCRIPTION_MAX_LENGTH",
    "OTHER",
    "OTHER_TEXT_MAX_LENGTH",
    "QUESTION_TYPES",
    "Definition",
    "DefinitionError",
    "Option",
    "Page",
    "Question",
    "ShowIf",
    "list_templates",
    "load_definition",
    "load_template",
    "parse_definition",
    "slugify",
    "template_path",
]


class Page(StrictModel):
    """A group of questions (the web shows one question per page regardless)."""

    title: str | None = None
    questions: tuple[Question, ...] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _expand_about_you(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("questions"), list):
            questions = []
            for item in data["questions"]:
                questions.extend(expand_about_you(item) if is_about_you_block(item) else [item])
            data = {**data, "questions": questions}
        return data


class Definition(StrictModel):
    """A whole survey, place report or worry form. ``questions`` is the flat ordered list."""

    id: DefinitionId
    kind: Literal["consultation", "place_report", "worry"]
    title: Text
    intro: Text
    privacy_notice: Text
    opens: dt.date | None = None
    closes: dt.date | None = None
    pages: tuple[Page, ...] = Field(min_length=1)

    _questions: tuple[Any, ...] = PrivateAttr(default=())
    _by_id: dict[str, Any] = PrivateAttr(default_factory=dict)
    _texts: tuple[DefinitionText, ...] = PrivateAttr(default=())
    _language: str = PrivateAttr(default="en")
    _in_languages: dict[str, Any] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _check_and_index(self) -> Definition:
        problems: list[tuple[tuple[Any, ...], str]] = []
        if self.opens and self.closes and self.closes < self.opens:
            problems.append((("closes",), f"closes ({self.closes}) is before opens ({self.opens})"))
        earlier: dict[str, Any] = {}
        for page_index, page in enumerate(self.pages):
            for index, question in enumerate(page.questions):
                path = ("pages", page_index, "questions", index)
                if question.id in earlier:
                    problems.append(((*path, "id"), f"question id {question.id!r} is used more than once"))
                problems.extend(
                    ((*path, *sub), message) for sub, message in _show_if_problems(question, earlier)
                )
                earlier.setdefault(question.id, question)
        if problems:
            raise DefinitionProblem(problems)
        self._questions = tuple(question for page in self.pages for question in page.questions)
        self._by_id = {question.id: question for question in self._questions}
        return self

    def __eq__(self, other: object) -> bool:
        # What it asks and says in English; texts in other languages are compared by ``same_texts``.
        if not isinstance(other, Definition):
            return NotImplemented
        return self.__dict__ == other.__dict__ and self._language == other._language

    __hash__ = StrictModel.__hash__

    def same_texts(self, other: Definition) -> bool:
        """Whether ``other`` says the same in every language (``==`` compares the English only)."""
        return self == other and self._texts == other._texts

    @property
    def questions(self) -> list[Question]:
        """Every question in order, across pages."""
        return list(self._questions)

    def question(self, question_id: str) -> Question:
        """The question with this id; KeyError if there is none."""
        try:
            return self._by_id[question_id]
        except KeyError:
            raise KeyError(f"definition {self.id!r} has no question {question_id!r}") from None

    @property
    def texts(self) -> tuple[DefinitionText, ...]:
        """Every text its YAML gives (not built-in ones), each with its English and other languages."""
        return self._texts

    @property
    def language(self) -> str:
        """The language code its texts are in (``"en"`` unless made by :meth:`in_language`)."""
        return self._language

    def missing_texts(self) -> dict[str, list[DefinitionText]]:
        """``{language code: texts with no words in it}`` for Welsh, Polish and Urdu (empty lists too)."""
        return {code: [text for text in self._texts if code in text.missing()] for code in OTHER_LANGUAGES}

    def in_language(self, code: str | None) -> Definition:
        """The same definition with every text in ``code`` (``cy``, ``pl``, ``ur``).

        A text the YAML gives in that language is used; any other (an ``about_you`` label, or a text
        without that language) is looked up in the catalogue and stays English when it is not there.
        Ids and option values never change, so answers are stored the same whatever language was
        shown. English, or a code that is not offered, gives the definition itself. Made once per
        language and kept with the definition (definitions are immutable and parsed once per source), so
        every page of the web form and every chat turn shares it.
        """
        code = language(code).code
        if code == SOURCE:
            return self
        if code not in self._in_languages:
            self._in_languages[code] = self._translated(code)
        return self._in_languages[code]

    def _translated(self, code: str) -> Definition:
        own = {text.key: text.translations.get(code) for text in self._texts}

        def say(key: str, words: str | None) -> str | None:
            return (own.get(key) or localised(words, code)) if words else words

        pages = tuple(
            page.model_copy(update={
                "title": say(f"page.{number}.title", page.title),
                "questions": tuple(_question_in(question, say) for question in page.questions),
            })
            for number, page in enumerate(self.pages, start=1)
        )
        update = {name: say(name, getattr(self, name)) for name in TOP_TEXTS}
        copy = self.model_copy(update={**update, "pages": pages})
        copy._questions = tuple(question for page in pages for question in page.questions)
        copy._by_id = {question.id: question for question in copy._questions}
        copy._language = code
        copy._in_languages = {}  # model_copy shares the private dict: the copy keeps none of its own
        return copy


def _question_in(question: Any, say: Any) -> Any:
    update = {name: say(f"question.{question.id}.{name}", getattr(question, name)) for name in QUESTION_TEXTS}
    for group in OPTION_GROUPS:
        options = getattr(question, group, None)
        if options:
            update[group] = tuple(
                option.model_copy(update={"label": say(f"question.{question.id}.{group}.{option.value}",
                                                       option.label)})
                for option in options
            )
    return question.model_copy(update=update)


def _show_if_problems(question: Any, earlier: dict[str, Any]) -> Iterator[tuple[tuple[Any, ...], str]]:
    condition = question.show_if
    if condition is None:
        return
    target = earlier.get(condition.question)
    if target is None:
        yield ("show_if", "question"), f"show_if: {condition.question!r} is not an earlier question"
        return
    if target.type not in CONDITION_TYPES:
        needs = "show_if needs a choice, ranking or scale question"
        message = f"show_if: {condition.question!r} is {target.type}; {needs}"
        yield ("show_if", "question"), message
        return
    for index, value in enumerate(condition.values):
        if target.option(value) is None:
            known = ", ".join(option.value for option in target.all_options)
            message = (
                f"show_if: {value!r} is not an option of question {condition.question!r} (options: {known})"
            )
            yield ("show_if", "in", index), message


def parse_definition(text: str, source_name: str = "<definition>") -> Definition:
    """Parse and check a definition's YAML text; DefinitionError says the line and what is wrong."""
    try:
        data = load_yaml(text, what="the definition")
    except YAMLSourceError as error:
        raise DefinitionError.single(source_name, error.line, error.message) from None
    if not isinstance(data, dict):
        raise DefinitionError.single(
            source_name,
            getattr(data, "line", 1),
            "a definition must be a mapping of id, kind, title, intro, privacy_notice and pages",
        )
    texts, problems = split_texts(data)
    if problems:
        raise DefinitionError([located(source_name, line, message) for line, message in problems])
    _expand_about_you_blocks(data, source_name)
    try:
        definition = Definition.model_validate(data)
    except ValidationError as error:
        raise DefinitionError(describe_validation_error(error, data, source_name)) from None
    definition._texts = tuple(texts)
    return definition


def _expand_about_you_blocks(data: dict[str, Any], source_name: str) -> None:
    # Expanded before validation, so validation error paths index the same list the lines came from.
    pages = data.get("pages")
    for page in pages if isinstance(pages, list) else ():
        questions = page.get("questions") if isinstance(page, dict) else None
        if not isinstance(questions, LineList) or not any(is_about_you_block(item) for item in questions):
            continue
        expanded = LineList()
        expanded.line, expanded.item_lines = questions.line, []
        for item, line in zip(questions, questions.item_lines, strict=True):
            try:
                items = expand_about_you(item) if is_about_you_block(item) else [item]
            except ValueError as error:
                raise DefinitionError.single(source_name, line, str(error)) from None
            expanded.extend(item if isinstance(item, LineDict) else _at_line(item, line) for item in items)
            expanded.item_lines.extend([line] * len(items))
        page["questions"] = expanded


def _at_line(mapping: dict[str, Any], line: int) -> LineDict:
    located = LineDict(mapping)
    located.line, located.key_lines = line, dict.fromkeys(mapping, line)
    return located


def load_definition(
    path_or_text: str | os.PathLike[str] | Traversable, *, source_name: str | None = None
) -> Definition:
    """Load a definition from a file path (a path object, or a str ending ``.yaml``/``.yml``) or YAML text.

    ``source_name`` names the text in error messages; it defaults to the file's name.
    """
    if isinstance(path_or_text, str) and not (
        "\n" not in path_or_text and path_or_text.strip().endswith((".yaml", ".yml"))
    ):
        return parse_definition(path_or_text, source_name or "<definition>")
    path = Path(path_or_text) if isinstance(path_or_text, str | os.PathLike) else path_or_text
    return parse_definition(path.read_text(encoding="utf-8"), source_name or path.name)


def _templates() -> Traversable:
    return resources.files("survey.definitions") / "templates"


def list_templates() -> list[str]:
    """Names of the shipped definitions in ``survey/definitions/templates`` (file names without ``.yaml``)."""
    return sorted(
        entry.name.removesuffix(".yaml") for entry in _templates().iterdir() if entry.name.endswith(".yaml")
    )


def template_path(name: str) -> Traversable:
    """The shipped definition file called ``name`` (e.g. ``"community-safety"``); KeyError if none."""
    if name not in list_templates():
        raise KeyError(f"no template {name!r} (templates: {', '.join(list_templates())})")
    return _templates() / f"{name}.yaml"


def load_template(name: str) -> Definition:
    """Load and check a shipped definition."""
    return load_definition(template_path(name))
