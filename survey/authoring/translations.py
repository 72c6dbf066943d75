"""A consultation's texts as a spreadsheet for a translator, and the translator's spreadsheet read back.

:func:`texts_csv` writes one row per text the definition gives (``key``, then ``en``, ``cy``,
``pl``, ``ur``); the ``key`` names the text (``question.feeling.text``, see
:mod:`survey.definitions.translations`). :func:`with_translations` reads such a file back into new
YAML for :func:`survey.authoring.versions.save_definition`, so the languages arrive as a new version
like any other change. It is all or nothing: any row that is wrong refuses the whole file with one
sentence per problem that names the row (as a spreadsheet numbers it, the header being row 1).

A row's English must be what the consultation says now: a translation of words that have since
changed would put the old meaning in front of readers. A blank language cell means "no words in
that language" (it then falls back to English and shows as missing). Rows left out change nothing.
"""

from __future__ import annotations

import csv
import io

from survey.authoring.editing import dump, editable
from survey.definitions.definition import parse_definition
from survey.definitions.translations import OTHER_LANGUAGES, DefinitionText
from survey.languages import CODES, SOURCE

COLUMNS = ("key", *CODES)
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
MAX_CSV_CHARS = 1_000_000


class TranslationsRefused(ValueError):
    """The spreadsheet was not used; ``problems`` says why, one sentence each, naming the row."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__(" ".join(self.problems))


def texts_csv(source: str) -> str:
    """The texts of the definition ``source`` as CSV: ``key, en, cy, pl, ur``, one row per text.

    A cell a spreadsheet would run as a formula starts with an apostrophe (read back without it).
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for text in parse_definition(source).texts:
        words = {SOURCE: text.english, **text.translations}
        writer.writerow([text.key, *(_protected(words.get(code, "")) for code in CODES)])
    return buffer.getvalue()


def with_translations(source: str, csv_text: str) -> str:
    """The definition ``source`` with the languages of the spreadsheet ``csv_text``, as new YAML.

    Raises :class:`TranslationsRefused` naming each row that is wrong: an unknown key, a key given
    twice, a missing English, or English that is not what the definition says now.
    """
    if len(csv_text) > MAX_CSV_CHARS:
        too_long = f"The file is too long: keep it to {MAX_CSV_CHARS:,} characters or fewer."
        raise TranslationsRefused([too_long])
    texts = {text.key: text for text in parse_definition(source).texts}
    try:
        rows = list(csv.reader(io.StringIO(csv_text.lstrip("\ufeff"))))
    except csv.Error as error:
        raise TranslationsRefused([f"The file is not a CSV file a spreadsheet saved ({error})."]) from None
    columns = _columns(rows[0] if rows else [])
    problems: list[str] = []
    given: dict[str, dict[str, str]] = {}
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cells = {name: _cell(row, index) for name, index in columns.items()}
        problem = _row_problem(number, cells, texts, seen)
        if problem:
            problems.append(problem)
            continue
        seen[cells["key"]] = number
        given[cells["key"]] = {code: cells.get(code, "") for code in (SOURCE, *OTHER_LANGUAGES)}
    if problems:
        raise TranslationsRefused(problems)
    data = editable(source)
    for key, text in texts.items():
        words = given.get(key)
        if words is None:
            continue  # a row left out changes nothing
        kept = {code: text.translations.get(code, "") for code in OTHER_LANGUAGES if code not in columns}
        data.languages[key] = {SOURCE: text.english, **{k: v for k, v in {**words, **kept}.items() if v}}
    return dump(data)


def _columns(header: list[str]) -> dict[str, int]:
    names = [cell.strip().lstrip("\ufeff").lower() for cell in header]
    problems = []
    for required in ("key", SOURCE):
        if required not in names:
            problems.append(f"Row 1: there is no {required!r} column. The first row must name the columns: "
                            f"{', '.join(COLUMNS)}.")
    for name in names:
        if name and name not in COLUMNS:
            problems.append(f"Row 1: the column {name!r} is not one of {', '.join(COLUMNS)}.")
    if problems:
        raise TranslationsRefused(problems)
    return {name: index for index, name in enumerate(names) if name}


def _row_problem(
    number: int, cells: dict[str, str], texts: dict[str, DefinitionText], seen: dict[str, int]
) -> str | None:
    key = cells["key"]
    if not key:
        return f"Row {number}: the key is empty. Keep the key column as it was downloaded."
    if key not in texts:
        return (f"Row {number}: this consultation has no text with the key {key!r}. Check the file was "
                f"downloaded from this consultation, and keep the key column as it was.")
    if key in seen:
        return f"Row {number}: the key {key!r} is also on row {seen[key]}. Give each text once."
    if not cells[SOURCE]:
        return f"Row {number}: the English is empty. Keep the English as it was downloaded."
    if cells[SOURCE] != _plain(texts[key].english):
        return (f"Row {number}: the English is not what the consultation says now, so the translations "
                f"may be of older words. Download the texts again and translate the English they have.")
    return None


def _cell(row: list[str], index: int) -> str:
    return _plain(_unprotected(row[index])) if index < len(row) else ""


def _plain(text: str) -> str:
    # Spreadsheets may save line ends as \r\n and add spaces at the ends of lines.
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def _protected(text: str) -> str:
    return f"'{text}" if text.startswith(FORMULA_TRIGGERS) else text


def _unprotected(text: str) -> str:
    return text[1:] if text.startswith("'") and text[1:2] in FORMULA_TRIGGERS else text
