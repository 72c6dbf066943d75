"""Starting a consultation: blank, or as a copy of an earlier one.

A copy keeps every question id and option value, so next year's results compare with this year's;
it gets a new slug, its title gains " (copy)" and its dates are dropped (they would be in the past).
The copied YAML is the original text with only those top-level keys rewritten, so its comments and
layout stay as the author wrote them.
"""

from __future__ import annotations

import re

import yaml
from sqlalchemy.orm import Session

from survey.consultations import RESERVED_SLUGS, consultation_by_slug, create_consultation, definition_of
from survey.definitions.yaml_source import LineDict, load_yaml
from survey.question_types import slugify
from survey.retention.policy import DataKind, periods_of
from survey.storage.models import Consultation, Partnership

BLANK_SLUG = "new-consultation"


def slug_from_title(title: str) -> str:
    """A definition id or slug made from a title: ``"Town safety 2027"`` -> ``town-safety-2027``."""
    return slugify(title).replace("_", "-")[:58].strip("-") or BLANK_SLUG


def blank_source(session: Session, partnership: Partnership, title: str = "New consultation") -> str:
    """A minimal valid definition to build on: a title, an intro, a privacy notice that states the
    partnership's retention period, and one page with one optional question."""
    months = periods_of(session, partnership).months(DataKind.FREE_TEXT)
    kept = "one year" if months == 12 else f"{months // 12} years" if months % 12 == 0 else f"{months} months"
    privacy = (
        "This survey is anonymous. We do not ask for your name, email or address, and we do not store "
        "your IP address or any details of your device.\n\n"
        f"Your answers are seen only by community safety officers of {partnership.name}. We publish "
        "overall results, but never a number small enough to identify someone, and we never publish "
        "what you write in your own words.\n\n"
        f"We keep the answers for {kept} and then delete them.\n\n"
        "Please do not use this survey to report a crime. In an emergency call 999. To report a crime "
        "that is not an emergency call 101.\n"
    )
    data = {
        "id": slug_from_title(title),
        "kind": "consultation",
        "title": title,
        "intro": "Tell us what you think about community safety in our area. Every question is optional.\n",
        "privacy_notice": privacy,
        "pages": [
            {
                "title": "Your views",
                "questions": [
                    {
                        "id": "your_views",
                        "type": "free_text",
                        "text": "What would make you feel safer in our area?",
                    }
                ],
            }
        ],
    }
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def copy_consultation(
    session: Session,
    original: Consultation,
    *,
    slug: str | None = None,
    title: str | None = None,
    officer_id: int | None = None,
    submission_key: str | None = None,
) -> Consultation:
    """A new draft consultation of the same partnership running a copy of ``original``'s definition.

    Raises :class:`survey.consultations.ConsultationError` for a bad or taken ``slug``.
    """
    title = title or f"{definition_of(original).title} (copy)"
    source = set_top_level(original.definition.source, "title", title)
    for key in ("opens", "closes"):
        source = set_top_level(source, key, None)
    return create_consultation(
        session,
        original.partnership,
        source,
        source_name=f"{original.slug}.yaml",
        slug=slug or free_slug(session, f"{original.slug}-copy"),
        officer_id=officer_id,
        change_summary=f"First version, copied from '{original.slug}'.",
        submission_key=submission_key,
    )


def free_slug(session: Session, base: str) -> str:
    """``base`` made a valid slug, or that with ``-2``, ``-3``... whichever no consultation uses yet."""
    base = re.sub(r"[^a-z0-9]+", "-", base.lower())[:58].strip("-") or BLANK_SLUG
    candidate, number = base, 1
    while candidate in RESERVED_SLUGS or consultation_by_slug(session, candidate) is not None:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def set_top_level(source: str, key: str, value: str | None) -> str:
    """``source`` with the top-level ``key`` set to ``value`` (removed for ``None``; added at the end
    if missing), every other line as it was."""
    data = load_yaml(source, what="the definition")
    lines = source.splitlines(keepends=True)
    new_lines = [] if value is None else [yaml.safe_dump({key: value}, allow_unicode=True, width=10**6)]
    if not isinstance(data, LineDict) or key not in data:
        if value is None:
            return source
        ending = "" if not lines or lines[-1].endswith("\n") else "\n"
        return source + ending + new_lines[0]
    start = data.key_lines[key] - 1
    later = sorted(line - 1 for line in data.key_lines.values() if line - 1 > start)
    end = later[0] if later else len(lines)
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
        end -= 1
    return "".join(lines[:start] + new_lines + lines[end:])
