"""Definitions in several languages: any text may be a mapping of language code to words.

In a definition's YAML every text a respondent reads (the title, intro and privacy notice, a page
title, a question's text, hint and error message, an option's label, an area or landmark) may be
plain English, as always, or a mapping such as::

    text:
      en: How safe do you feel after dark?
      cy: Pa mor ddiogel ydych chi'n teimlo ar ôl iddi dywyllu?
      pl: Jak bezpiecznie czujesz się po zmroku?
      ur: اندھیرا ہونے کے بعد آپ خود کو کتنا محفوظ محسوس کرتے ہیں؟

English (``en``) is required: it is the source, what officers read and what every missing language
falls back to. An option given as a mapping (``- {en: Drug dealing, cy: ...}``) keeps the value its
English label gives (``drug_dealing``), so answers are stored by the same value whatever language
was shown.

:func:`split_texts` runs before validation: it puts the English in place of each mapping (so the
models and every channel that reads ``question.text`` see plain English, exactly as before) and
returns the other languages by a stable *key* (``title``, ``page.2.title``, ``question.<id>.text``,
``question.<id>.options.<value>``), which names the text in the officers' translation spreadsheet.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from survey.languages import CODES, SOURCE, translate
from survey.question_types import slugify
from survey.question_types.about_you import is_about_you_block

TOP_TEXTS = ("title", "intro", "privacy_notice")
QUESTION_TEXTS = ("text", "hint", "error_message")
OPTION_GROUPS = ("options", "areas", "landmarks")
OTHER_LANGUAGES = tuple(code for code in CODES if code != SOURCE)
OPTION_FIELDS = frozenset(("value", "label", "score"))


@dataclass(frozen=True)
class TextSlot:
    """Where one text sits in a definition's YAML data: ``parent[slot]``."""

    key: str
    subject: str  # how an error message names it: "question 'feeling': text"
    parent: Any
    slot: Any


@dataclass(frozen=True)
class DefinitionText:
    """One text of a definition: its key, where an officer finds it, the English and the other languages."""

    key: str
    subject: str
    english: str
    translations: dict[str, str] = field(default_factory=dict)

    def missing(self) -> tuple[str, ...]:
        """The offered languages (not English) this text has no words for, here or in the catalogue."""
        return tuple(
            code for code in OTHER_LANGUAGES
            if not self.translations.get(code) and translate(self.english, code) == self.english
        )


def english(value: Any) -> Any:
    """The English of a text as written in YAML: the ``en`` of a language mapping, else the value."""
    return value.get(SOURCE) if is_language_mapping(value) else value


def is_language_mapping(value: Any) -> bool:
    """Whether ``value`` is a text written in several languages (not an option's value and label)."""
    return isinstance(value, dict) and not (OPTION_FIELDS & set(value))


def text_slots(data: Any) -> Iterator[TextSlot]:
    """Every translatable text a definition's YAML data holds, in the order a respondent meets them.

    ``about_you:`` blocks are skipped: their words are built in and translated in the catalogue.
    """
    if not isinstance(data, dict):
        return
    for name in TOP_TEXTS:
        if data.get(name) is not None:
            yield TextSlot(name, name, data, name)
    pages = data.get("pages")
    for number, page in enumerate(pages if isinstance(pages, list) else (), start=1):
        if not isinstance(page, dict):
            continue
        if page.get("title") is not None:
            yield TextSlot(f"page.{number}.title", f"page {number}: title", page, "title")
        questions = page.get("questions")
        for question in questions if isinstance(questions, list) else ():
            if isinstance(question, dict) and not is_about_you_block(question):
                yield from _question_slots(question)


def _question_slots(question: dict[str, Any]) -> Iterator[TextSlot]:
    question_id = question.get("id")
    if not isinstance(question_id, str) or question.get("about_you") is True:
        return
    for name in QUESTION_TEXTS:
        if question.get(name) is not None:
            where = f"question {question_id!r}: {name}"
            yield TextSlot(f"question.{question_id}.{name}", where, question, name)
    for group in OPTION_GROUPS:
        options = question.get(group)
        for index, option in enumerate(options if isinstance(options, list) else ()):
            if isinstance(option, dict) and not is_language_mapping(option):
                label, value, parent, slot = option.get("label"), option.get("value"), option, "label"
            else:
                label, value, parent, slot = option, None, options, index
            words = english(label)
            if value is None and isinstance(words, str):
                value = slugify(words)
            if label is not None and isinstance(value, str):
                where = f"question {question_id!r}: {group}[{index + 1}]"
                yield TextSlot(f"question.{question_id}.{group}.{value}", where, parent, slot)


def split_texts(data: Any) -> tuple[list[DefinitionText], list[tuple[int | None, str]]]:
    """Put the English in place of each language mapping in ``data``; return every text and problems.

    Each problem is ``(line, message)``: a mapping without English, an unknown language code (the
    message lists the offered ones), or words that are not text. The data is changed in place.
    """
    texts: list[DefinitionText] = []
    problems: list[tuple[int | None, str]] = []
    for slot in list(text_slots(data)):
        value = slot.parent[slot.slot]
        if not is_language_mapping(value):
            if isinstance(value, str):
                texts.append(DefinitionText(slot.key, slot.subject, value))
            continue
        line = getattr(value, "line", None) or getattr(slot.parent, "line", None)
        found = _mapping_problems(slot.subject, value)
        problems.extend((line, message) for message in found)
        if found:
            continue
        slot.parent[slot.slot] = value[SOURCE]
        others = {code: value[code] for code in OTHER_LANGUAGES if value.get(code)}
        texts.append(DefinitionText(slot.key, slot.subject, value[SOURCE], others))
    return texts, problems


def _mapping_problems(subject: str, value: dict[Any, Any]) -> list[str]:
    offered = ", ".join(CODES)
    problems = [
        f"{subject}: unknown language {code!r} (the languages offered are: {offered})"
        for code in value
        if code not in CODES
    ]
    if SOURCE not in value:
        problems.append(f"{subject}: a text in several languages must have its English, 'en'")
    for code, words in value.items():
        if code in CODES and not (isinstance(words, str) and words.strip()):
            problems.append(f"{subject}: the {code!r} text must be words, not {words!r}")
    return problems


def localised(text: str | None, code: str | None) -> str | None:
    """A built-in text (an ``about_you`` label, "Don't know", "Other - please specify") in ``code``,
    from the catalogue; the English when it has no translation. ``None`` stays ``None``."""
    return translate(text, code) if text else text


def english_only(data: Any) -> dict[str, dict[str, str]]:
    """Put the English in place of each language mapping in ``data`` (in place, as the builder edits
    English); return the mappings by key, for :func:`with_languages` to put back."""
    saved: dict[str, dict[str, str]] = {}
    for slot in list(text_slots(data)):
        value = slot.parent[slot.slot]
        if is_language_mapping(value) and isinstance(value.get(SOURCE), str):
            saved[slot.key] = dict(value)
            slot.parent[slot.slot] = value[SOURCE]
    return saved


def with_languages(data: Any, languages: Mapping[str, Mapping[str, str]]) -> None:
    """Give each English text in ``data`` its other languages from ``languages`` (in place).

    Only a text whose English is still the English they were written for gets them back: a changed
    sentence keeps its English alone (then shown as missing) rather than an old translation.
    """
    for slot in list(text_slots(data)):
        value = slot.parent[slot.slot]
        words = languages.get(slot.key)
        if isinstance(value, str) and words and _same_words(words.get(SOURCE), value):
            slot.parent[slot.slot] = language_mapping({**words, SOURCE: value})


def _same_words(old: str | None, new: str) -> bool:
    # A form gives text back without the YAML block's final line end, and may trim spaces at line ends.
    return old is not None and _tidy(old) == _tidy(new)


def _tidy(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.replace("\r\n", "\n").strip().split("\n"))


def language_mapping(words: Mapping[str, str]) -> str | dict[str, str]:
    """How a text is written in YAML: ``{en: ..., cy: ...}`` in the offered order, or the plain English."""
    given = {code: words[code] for code in CODES if words.get(code)}
    return given if set(given) - {SOURCE} else words[SOURCE]
