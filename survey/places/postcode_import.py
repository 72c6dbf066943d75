"""Loading the postcode table from the ONS Postcode Directory (ONSPD) CSV.

The ONSPD has one row per postcode ever used, with dozens of columns; only these are read: the
postcode (``pcds``, or ``pcd``/``pcd7``/``pcd8``/``pcd2``), ``lat``, ``long`` and ``doterm`` (the
date a postcode was terminated: such rows are skipped). Postcodes without a grid reference have
``lat`` 99.999999 and ``long`` 0 in the ONSPD; they are skipped and counted too.

An import replaces the whole table in one transaction, in batches. Any bad row fails the import:
the caller's unit of work rolls back, so the table is as it was, and every problem (up to
:data:`MAX_PROBLEMS`) names its row, its column and why.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import delete, insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from survey.places.postcodes import normalise_postcode
from survey.storage.models import Postcode

POSTCODE_COLUMNS = ("pcds", "pcd", "pcd7", "pcd8", "pcd2")
BATCH_ROWS = 5000
MAX_PROBLEMS = 20
NO_GRID_REFERENCE = (99.999999, 0.0)
# The United Kingdom, the Channel Islands and the Isle of Man, with a margin.
LATITUDES, LONGITUDES = (49.0, 61.0), (-9.0, 2.0)


class PostcodeFileError(ValueError):
    """A file that cannot be loaded; ``problems`` says each row, column and why."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class PostcodeImport:
    """What an import did, to print: counts only."""

    loaded: int
    terminated: int
    without_location: int


def import_postcodes(session: Session, lines: Iterable[str]) -> PostcodeImport:
    """Replace the postcode table with the live postcodes in ``lines`` (an open CSV file).

    Flushes and never commits; raises :class:`PostcodeFileError`, after which the caller must roll
    back (rows before the first problem may have been sent to the database).
    """
    reader = csv.DictReader(lines)
    columns = _columns(reader.fieldnames)
    session.execute(delete(Postcode))
    problems: list[str] = []
    batch: dict[str, tuple[int, dict[str, object]]] = {}
    loaded = terminated = without_location = 0
    for row in reader:
        line = reader.line_num
        if (row.get(columns["doterm"] or "") or "").strip():
            terminated += 1
            continue
        checked = _checked_row(row, line, columns, problems)
        if checked is None:
            if len(problems) >= MAX_PROBLEMS:
                break
            continue
        if checked == "no location":
            without_location += 1
            continue
        assert isinstance(checked, dict)
        first = batch.get(str(checked["postcode"]))
        if first is not None:
            problems.append(
                f"Row {line}, column {columns['postcode']}: {checked['postcode']} is already "
                f"in row {first[0]}"
            )
            continue
        batch[str(checked["postcode"])] = (line, checked)
        loaded += 1
        if len(batch) >= BATCH_ROWS:
            _insert(session, batch, problems)
            batch = {}
    if not problems:
        _insert(session, batch, problems)
    if problems:
        raise PostcodeFileError(problems)
    if loaded == 0:
        raise PostcodeFileError(["The file has no live postcodes with a location"])
    return PostcodeImport(loaded=loaded, terminated=terminated, without_location=without_location)


def _columns(fieldnames: list[str] | None) -> dict[str, str | None]:
    by_lower = {name.strip().lower(): name for name in fieldnames or []}
    postcode = next((by_lower[name] for name in POSTCODE_COLUMNS if name in by_lower), None)
    missing = [
        label
        for label, found in (
            ("pcds (or pcd)", postcode),
            ("lat", by_lower.get("lat")),
            ("long", by_lower.get("long")),
        )
        if found is None
    ]
    if missing:
        raise PostcodeFileError(
            [
                f"The first row has no {' or '.join(missing)} column: use the ONS Postcode Directory CSV, "
                "whose first row names its columns"
            ]
        )
    return {
        "postcode": postcode,
        "lat": by_lower["lat"],
        "long": by_lower["long"],
        "doterm": by_lower.get("doterm"),
    }


def _checked_row(
    row: dict[str, str], line: int, columns: dict[str, str | None], problems: list[str]
) -> dict[str, object] | str | None:
    """The row to insert, ``"no location"``, or ``None`` after adding its problem."""
    raw = (row.get(columns["postcode"] or "") or "").strip()
    postcode = normalise_postcode(raw)
    if postcode is None:
        problems.append(f"Row {line}, column {columns['postcode']}: '{raw[:20]}' is not a postcode")
        return None
    numbers = []
    for key in ("lat", "long"):
        text = (row.get(columns[key] or "") or "").strip()
        try:
            numbers.append(float(text))
        except ValueError:
            problems.append(f"Row {line}, column {columns[key]}: '{text[:20]}' is not a number")
            return None
    latitude, longitude = numbers
    if (latitude, longitude) == NO_GRID_REFERENCE:
        return "no location"
    if not (LATITUDES[0] <= latitude <= LATITUDES[1] and LONGITUDES[0] <= longitude <= LONGITUDES[1]):
        problems.append(
            f"Row {line}, columns {columns['lat']} and {columns['long']}: {latitude}, "
            f"{longitude} is not in the United Kingdom"
        )
        return None
    return {
        "postcode": postcode,
        "outward": postcode.split(" ")[0],
        "latitude": latitude,
        "longitude": longitude,
    }


def _insert(session: Session, batch: dict[str, tuple[int, dict[str, object]]], problems: list[str]) -> None:
    if not batch:
        return
    try:
        with session.begin_nested():
            session.execute(insert(Postcode), [values for _line, values in batch.values()])
    except IntegrityError:
        # Only a postcode repeated in an earlier batch gets here (repeats within one are caught above).
        lines = sorted(line for line, _values in batch.values())
        problems.append(f"Rows {lines[0]} to {lines[-1]}: a postcode in these rows is also in an earlier row")
