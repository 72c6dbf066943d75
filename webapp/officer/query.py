"""What the officer areas share in reading a page's query string (the areas never import each other)."""

from __future__ import annotations

import datetime as dt

from werkzeug.datastructures import MultiDict


def date_arg(args: MultiDict[str, str], name: str, errors: dict[str, str]) -> dt.date | None:
    """The date in ``args[name]`` (``2026-03-27``), ``None`` if empty; a bad one is put in ``errors``."""
    value = args.get(name, "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        errors[name] = "Enter a real date, for example 2026-03-27"
        return None
