"""Questions as GOV.UK form fields: what a question page needs beyond the question type itself.

Each question type turns the page's posted fields into its raw answer (``question.from_form``) and
an answer into the values that refill the page (``question.form_values``); what is left here is
presentation: the values typed in to show again beside an error, and the items of radios and checkboxes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from babel import Locale
from markupsafe import Markup
from werkzeug.datastructures import MultiDict

from survey.answers import RawAnswer
from survey.definitions.definition import DONT_KNOW, OTHER, Question
from survey.question_types.about_you import PREFER_NOT_TO_SAY, SOMEWHERE_ELSE
from survey.question_types.base import DONT_KNOW_OPTION, OTHER_OPTION
from survey.question_types.scale import SAFETY_SCALE
from webapp.consult import texts
from webapp.public.language import current_language, t

BUILT_IN_LABELS = frozenset(
    [OTHER_OPTION.label, DONT_KNOW_OPTION.label, PREFER_NOT_TO_SAY["label"], SOMEWHERE_ELSE["label"]]
    + [point.label for point in SAFETY_SCALE]
)
"""Labels of the options the question types add themselves (not a definition's own words)."""


def own_words(question: Question, text: str) -> str:
    """``text`` of ``question`` in the page's language when the question type wrote it (an about-you
    question, "Don't know", the safety scale); a definition's own words stay as they are written."""
    return t(text) if question.about_you or text in BUILT_IN_LABELS else text


def raw_from_form(question: Question, form: MultiDict[str, str]) -> RawAnswer:
    """The question type's raw answer from a question page's posted fields."""
    return question.from_form(form.to_dict(flat=False))


def values_from_form(form: MultiDict[str, str]) -> dict[str, Any]:
    """What the respondent typed, to show again beside an error (lists for repeated fields)."""
    return {
        key: (values if len(values) > 1 or key == "answer" else values[0])
        for key, values in form.lists()
        if key != "csrf_token"
    }


def selected(values: Mapping[str, Any], key: str = "answer") -> list[str]:
    value = values.get(key)
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def choice_items(question: Question, values: Mapping[str, Any]) -> list[dict[str, Any]]:
    """``items`` for govukRadios/govukCheckboxes: options, "Don't know" after a divider, and
    "Other - please specify" revealing its text box (always visible without JavaScript)."""
    chosen = set(selected(values))
    items: list[dict[str, Any]] = []
    exclusive = set(getattr(question, "exclusive", ()))
    for option in question.all_options:
        item: dict[str, Any] = {
            "value": option.value,
            "text": own_words(question, option.label),
            "checked": option.value in chosen,
        }
        if option.value == DONT_KNOW or option.value in exclusive:
            items.append({"divider": t(texts.DIVIDER)})
            if option.value in exclusive:
                item["behaviour"] = "exclusive"
        if option.value == OTHER and getattr(question, "other", False):  # a plain "other" is just an option
            other = values.get("other_text")
            other = other if isinstance(other, str) else ""
            item["conditional"] = {
                "html": Markup(
                    '<div class="govuk-form-group">'
                    '<label class="govuk-label" for="other_text">{}</label>'
                    '<input class="govuk-input govuk-!-width-two-thirds" id="other_text" name="other_text" '
                    'type="text" maxlength="200" value="{}"></div>'
                ).format(t(texts.PLEASE_SPECIFY), other)
            }
        items.append(item)
    return items


def character_count_texts() -> dict[str, Any]:
    """govukCharacterCount's words in the page's language (English: GOV.UK's own, as they are).

    Its script picks a message by the plural category of the page's language (Welsh has six), so
    every category the language has gets a message: "one" its own, the rest the "other" wording.
    """
    language = current_language()
    if language.code == "en":
        return {}

    def by_category(one: str, other: str) -> dict[str, str]:
        categories = Locale.parse(language.code).plural_form.tags
        return {**{category: t(other) for category in categories}, "one": t(one), "other": t(other)}

    return {
        "textareaDescriptionText": t(texts.UP_TO_CHARACTERS),
        "charactersUnderLimitText": by_category(texts.CHARACTER_REMAINING, texts.CHARACTERS_REMAINING),
        "charactersAtLimitText": t(texts.NO_CHARACTERS_REMAINING),
        "charactersOverLimitText": by_category(texts.CHARACTER_TOO_MANY, texts.CHARACTERS_TOO_MANY),
    }
