"""Reading the hotspot filters from a query string, and the choices the filter form offers."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from survey.places.by_ward import ward_choices
from survey.places.reports import AGE_BAND, FEELING, NO_WARD, REASONS, TIME_OF_DAY, PlaceFilters, place_scope
from survey.vocabulary import Channel

CELL_SIZES = (100, 250, 500, 1000)
CHANNEL_LABELS = {channel: channel.label for channel in Channel}


def read_filters(args: Mapping[str, str]) -> tuple[PlaceFilters, dict[str, str]]:
    """Filters from ``?date_from=2026-01-31&reason=...``; a bad value is ignored with a message."""
    errors: dict[str, str] = {}
    dates: dict[str, dt.date | None] = {}
    for name, label in (("date_from", "From"), ("date_to", "To")):
        text = (args.get(name) or "").strip()
        try:
            dates[name] = dt.date.fromisoformat(text) if text else None
        except ValueError:
            errors[name] = f"{label} date must be a real date, like 2026-03-31"
            dates[name] = None
    if dates["date_from"] and dates["date_to"] and dates["date_to"] < dates["date_from"]:
        errors["date_to"] = "To date must be the same as or after the from date"
        dates["date_to"] = None
    channel = None
    if args.get("channel"):
        try:
            channel = Channel(args["channel"])
        except ValueError:
            errors["channel"] = "Select a channel from the list"
    filters = PlaceFilters(
        date_from=dates["date_from"], date_to=dates["date_to"],
        feeling=_short(args.get("feeling")), reason=_short(args.get("reason")),
        age_band=_short(args.get("age_band")), channel=channel, ward=_short(args.get("ward")),
    )
    return filters, errors


def _short(value: str | None) -> str | None:
    value = (value or "").strip()
    return value[:63] or None


def filter_choices(session: Session, partnership_id: int) -> dict[str, list[tuple[str, str]]]:
    """``{filter: [(value, label), ...]}`` from the partnership's place-report definitions."""
    choices: dict[str, dict[str, str]] = {FEELING: {}, REASONS: {}, AGE_BAND: {}}
    for definition in place_scope(session, partnership_id).definitions.values():
        for question in definition.questions:
            if question.id in choices:
                for option in question.all_options:
                    choices[question.id].setdefault(option.value, option.label)
    return {
        "feeling": list(choices[FEELING].items()),
        "reason": list(choices[REASONS].items()),
        "age_band": list(choices[AGE_BAND].items()),
        "channel": [(channel.value, label) for channel, label in CHANNEL_LABELS.items()],
        "size": [(str(size), f"{size} metres") for size in CELL_SIZES],
        "ward": [*ward_choices(session, partnership_id), (NO_WARD, "Outside every ward")],
    }


def selected(args: Mapping[str, Any], name: str, value: str) -> bool:
    return str(args.get(name, "")) == value


def option_labels(session: Session, partnership_id: int) -> dict[str, dict[str, str]]:
    """``{question_id: {option value: label}}`` across the partnership's place-report definitions."""
    labels: dict[str, dict[str, str]] = {}
    for definition in place_scope(session, partnership_id).definitions.values():
        for question in definition.questions:
            for option in question.all_options:
                labels.setdefault(question.id, {}).setdefault(option.value, option.label)
    return labels


def cell_rows(cells: list[Any], grid: Any, labels: dict[str, dict[str, str]], names: dict[str, Any], *,
              limit: int = 100) -> list[dict[str, Any]]:
    """The busiest cells as table rows: counts, and the top reasons, times and ages in words."""
    def top(cell: Any, question_id: str, how_many: int = 3) -> str:
        counts = sorted(cell.breakdown.get(question_id, {}).items(), key=lambda item: (-item[1], item[0]))
        names = labels.get(question_id, {})
        return ", ".join(f"{names.get(value, value)} ({count})" for value, count in counts[:how_many])

    return [
        {
            "cell": cell, "centre": grid.centre(cell.ix, cell.iy), "name": names.get(cell.key),
            "unsafe": cell.breakdown.get(FEELING, {}).get("unsafe", 0),
            "safe": cell.breakdown.get(FEELING, {}).get("safe", 0),
            "reasons": top(cell, REASONS), "times": top(cell, TIME_OF_DAY, 2),
            "ages": top(cell, AGE_BAND, 2),
        }
        for cell in cells[:limit]
    ]
