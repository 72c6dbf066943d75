"""A definition as editable data, and the operations the web builder performs on it.

The builder never edits a :class:`~survey.definitions.definition.Definition` model (they are
frozen, and expand ``about_you:`` blocks). It edits the YAML's own shape: plain dicts and lists,
loaded from the stored source with the loader's YAML reader (:func:`editable`), changed by the
functions here and in :mod:`survey.authoring.builder_questions`, and written back as stable,
readable YAML (:func:`dump`) for :func:`survey.authoring.versions.save_definition`, which checks
it with the loader's rules. So the builder and an uploaded file are two views of one definition.

Items in a page's ``questions`` are addressed by a *key*: a question's ``id``, or for an
``about_you:`` block the id its first question gets (``about_age_band``), which is unique for the
same reason ids are. Pages are addressed by their 0-based position. Every operation raises
:class:`EditError` with a sentence an officer can act on when it cannot be done; whatever it
returns may still break a rule only the whole definition knows (a condition on a later question),
which the loader reports when the result is saved.
"""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import yaml

from survey.definitions.translations import english_only, with_languages
from survey.definitions.yaml_source import YAMLSourceError, load_yaml
from survey.question_types.about_you import is_about_you_block


class EditableDefinition(dict):
    """The YAML's shape: ``id``, ``kind``, ``title``, ``intro``, ``privacy_notice``, ``opens``,
    ``closes``, ``pages`` (each ``title`` and ``questions``), every text in English. ``languages``
    holds the texts written in several languages, by key: :func:`dump` gives each text whose English
    is unchanged its other languages back (see :mod:`survey.definitions.translations`)."""

    languages: dict[str, dict[str, str]]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.languages = {}

TOP_KEYS = ("id", "kind", "title", "intro", "privacy_notice", "opens", "closes", "pages")
PAGE_KEYS = ("title", "questions")
QUESTION_KEYS = (
    "id",
    "type",
    "text",
    "hint",
    "required",
    "error_message",
    "preset",
    "options",
    "other",
    "dont_know",
    "max_choices",
    "exclusive",
    "rank",
    "max_length",
    "sentiment",
    "min",
    "max",
    "integer",
    "not_in_future",
    "areas",
    "landmarks",
    "allow_description",
    "show_if",
    "about_you",
)
"""The order keys are written in: what it is, what it asks, then its answers and limits."""
BLOCK_KEYS = ("about_you", "areas")
SHOW_IF_KEYS = ("question", "in")
OPTION_KEYS = ("value", "label", "score")


class EditError(ValueError):
    """An edit that cannot be made; the message says why in a sentence."""


def editable(source: str) -> EditableDefinition:
    """The definition's YAML ``source`` as plain dicts and lists (EditError if it is not a mapping)."""
    try:
        data = load_yaml(source, what="the definition")
    except YAMLSourceError as error:
        raise EditError(f"The stored definition is not valid YAML: {error.message}") from None
    if not isinstance(data, dict) or not isinstance(data.get("pages"), list):
        raise EditError("The stored definition has no pages to edit")
    result = EditableDefinition(_plain(data))
    result.languages = english_only(result)
    return result


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


# --- writing YAML ---------------------------------------------------------------------------


class _Dumper(yaml.SafeDumper):
    """Block style, keys in the order given, multi-line text as ``|`` blocks, lists indented."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # "  - item" under its key, as the templates are written


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:  # PyYAML writes "|-" for text without a final line end, so it comes back unchanged
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _date(dumper: yaml.SafeDumper, value: dt.date) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


_Dumper.add_representer(str, _text)
_Dumper.add_representer(dt.date, _date)


def dump(data: EditableDefinition) -> str:
    """The definition as YAML: block style, keys in a fixed readable order, ``about_you:`` blocks kept.

    Loading the result with :func:`survey.definitions.definition.parse_definition` gives the same
    definition as the data it was written from.
    """
    languages = getattr(data, "languages", None)
    if languages:
        data = copy.deepcopy(dict(data))
        with_languages(data, languages)
    text = yaml.dump(
        _ordered(data, TOP_KEYS, _top_value),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    return text.replace("\npages:\n", "\n\npages:\n", 1)


def _ordered(mapping: dict[str, Any], order: tuple[str, ...], value_of: Any = None) -> dict[str, Any]:
    keys = [key for key in order if key in mapping] + [key for key in mapping if key not in order]
    return {key: value_of(key, mapping[key]) if value_of else mapping[key] for key in keys}


def _top_value(key: str, value: Any) -> Any:
    if key == "pages" and isinstance(value, list):
        return [_ordered(page, PAGE_KEYS, _page_value) if isinstance(page, dict) else page for page in value]
    return value


def _page_value(key: str, value: Any) -> Any:
    if key != "questions" or not isinstance(value, list):
        return value
    return [_question_out(item) for item in value]


def _question_out(item: Any) -> Any:
    if not isinstance(item, dict):
        return item
    if is_about_you_block(item):
        return _ordered(item, BLOCK_KEYS)
    return _ordered(item, QUESTION_KEYS, _question_value)


def _question_value(key: str, value: Any) -> Any:
    if key == "show_if" and isinstance(value, dict):
        return _ordered(value, SHOW_IF_KEYS)
    if key in ("options", "areas", "landmarks") and isinstance(value, list):
        return [_ordered(option, OPTION_KEYS) if isinstance(option, dict) else option for option in value]
    return value


# --- finding things -------------------------------------------------------------------------


def item_key(item: dict[str, Any]) -> str:
    """How an item of a page's questions is addressed: its id, or its first about-you question's id."""
    if is_about_you_block(item):
        names = item.get("about_you") or ["about_you"]
        return f"about_{names[0]}"
    return str(item.get("id", ""))


def pages(data: EditableDefinition) -> list[dict[str, Any]]:
    """The pages, each a mapping with ``questions``."""
    return data["pages"]


def page_at(data: EditableDefinition, page_index: int) -> dict[str, Any]:
    """The page at ``page_index`` (EditError if there is none)."""
    if not 0 <= page_index < len(pages(data)):
        raise EditError(f"There is no page {page_index + 1}")
    return pages(data)[page_index]


def find_item(data: EditableDefinition, key: str) -> tuple[int, int]:
    """``(page index, index in its questions)`` of the item with this key (EditError if none)."""
    for page_index, page in enumerate(pages(data)):
        for index, item in enumerate(page.get("questions") or []):
            if isinstance(item, dict) and item_key(item) == key:
                return page_index, index
    raise EditError(f"There is no question {key!r}")


def item(data: EditableDefinition, key: str) -> dict[str, Any]:
    """The question (or about-you block) with this key."""
    page_index, index = find_item(data, key)
    return pages(data)[page_index]["questions"][index]


def question_ids(data: EditableDefinition) -> list[str]:
    """Every question id in order, the ids an about-you block stands for included."""
    ids = []
    for page in pages(data):
        for entry in page.get("questions") or []:
            if is_about_you_block(entry):
                ids.extend(f"about_{name}" for name in entry.get("about_you") or [])
            elif isinstance(entry, dict):
                ids.append(str(entry.get("id", "")))
    return ids


# --- details and pages ----------------------------------------------------------------------


def set_details(data: EditableDefinition, *, title: str, intro: str, privacy_notice: str) -> None:
    """Change what the start page says: the title, introduction and privacy notice."""
    data["title"], data["intro"], data["privacy_notice"] = (
        title.strip(),
        clean_text(intro),
        clean_text(privacy_notice),
    )


def clean_text(text: str) -> str:
    """Text from a form as YAML keeps it best: plain line ends, no trailing spaces, no blank ends."""
    lines = [line.rstrip() for line in text.replace("\r\n", "\n").strip().split("\n")]
    return "\n".join(lines)


def add_page(data: EditableDefinition, title: str | None, first_item: dict[str, Any]) -> int:
    """Add a page at the end with its first question (a page cannot be empty); returns its index."""
    page: dict[str, Any] = {"title": title.strip()} if title and title.strip() else {}
    page["questions"] = [first_item]
    pages(data).append(page)
    return len(pages(data)) - 1


def rename_page(data: EditableDefinition, page_index: int, title: str | None) -> None:
    """Give a page a title (blank: no title)."""
    page = page_at(data, page_index)
    if title and title.strip():
        page["title"] = title.strip()
        pages(data)[page_index] = _ordered(page, PAGE_KEYS)
    else:
        page.pop("title", None)


def remove_page(data: EditableDefinition, page_index: int) -> dict[str, Any]:
    """Remove a page and its questions; returns it. The last page cannot go (a definition needs one)."""
    page_at(data, page_index)
    if len(pages(data)) == 1:
        raise EditError("A consultation needs at least one page, so the only page cannot be removed")
    return pages(data).pop(page_index)


def move_page(data: EditableDefinition, page_index: int, step: int) -> None:
    """Move a page up (``step`` -1) or down (+1); EditError past either end."""
    page_at(data, page_index)
    target = page_index + step
    if not 0 <= target < len(pages(data)):
        raise EditError(f"Page {page_index + 1} is already the {'first' if step < 0 else 'last'} page")
    every = pages(data)
    every[page_index], every[target] = every[target], every[page_index]


# --- questions ------------------------------------------------------------------------------


def add_item(data: EditableDefinition, page_index: int, new: dict[str, Any]) -> None:
    """Add a question (or about-you block) at the end of a page."""
    page_at(data, page_index).setdefault("questions", []).append(new)


def replace_item(data: EditableDefinition, key: str, new: dict[str, Any]) -> None:
    """Put ``new`` where the item with ``key`` is."""
    page_index, index = find_item(data, key)
    pages(data)[page_index]["questions"][index] = new


def remove_item(data: EditableDefinition, key: str) -> dict[str, Any]:
    """Remove a question (or about-you block); a page left empty goes too. Returns what was removed."""
    page_index, index = find_item(data, key)
    if question_count(data) == 1:
        raise EditError("A consultation needs at least one question, so the only question cannot be removed")
    questions = pages(data)[page_index]["questions"]
    removed = questions.pop(index)
    if not questions:
        pages(data).pop(page_index)
    return removed


def question_count(data: EditableDefinition) -> int:
    """How many items (questions and about-you blocks) the pages hold."""
    return sum(len(page.get("questions") or []) for page in pages(data))


def move_item(data: EditableDefinition, key: str, step: int) -> bool:
    """Move a question up (``step`` -1) or down (+1) one place, onto the next page from either end
    of its page. Returns True when that left its old page empty (the page is then removed)."""
    page_index, index = find_item(data, key)
    questions = pages(data)[page_index]["questions"]
    target = index + step
    if 0 <= target < len(questions):
        questions[index], questions[target] = questions[target], questions[index]
        return False
    next_page = page_index + step
    if not 0 <= next_page < len(pages(data)):
        raise EditError(f"It is already the {'first' if step < 0 else 'last'} question")
    moving = questions.pop(index)
    destination = pages(data)[next_page]["questions"]
    if step < 0:
        destination.append(moving)
    else:
        destination.insert(0, moving)
    if questions:
        return False
    pages(data).pop(page_index)
    return True
