"""Which responses a tally counts: a date range, channels and "about you" answers, as SQL.

A :class:`ResponseFilter` becomes one subquery of response ids (:func:`filtered_response_ids`) that
every tally, cross-tab, trend and export adds as ``answer.response_id IN (...)``; an empty filter adds
nothing, so an unfiltered report stays one indexed scan of the answer table.

Dates are the partnership's local days (Europe/London): "from 1 March to 31 March" means from
midnight at the start of 1 March to midnight at the end of 31 March, UK time, whatever the clocks do.
Within one "about you" question the chosen values are alternatives (aged 11 to 15 *or* 16 to 17);
different questions must all match (a woman *and* aged 16 to 17).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Select, select

from survey.storage.models import Answer, Response
from survey.vocabulary import Channel

LOCAL_TIME = ZoneInfo("Europe/London")


@dataclass(frozen=True)
class ResponseFilter:
    """Responses submitted from ``since`` to ``until`` (local days, both included) through
    ``channels`` (any, when empty) whose answers include one of the values listed for each
    "about you" question in ``about_you``."""

    since: dt.date | None = None
    until: dt.date | None = None
    channels: tuple[Channel, ...] = ()
    about_you: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        return not (self.since or self.until or self.channels or any(self.about_you.values()))

    def describe(self) -> dict[str, Any]:
        """The filter as plain data: for report headers, JSON and audit events."""
        described: dict[str, Any] = {}
        if self.since:
            described["from"] = self.since.isoformat()
        if self.until:
            described["to"] = self.until.isoformat()
        if self.channels:
            described["channels"] = [channel.value for channel in self.channels]
        for question_id, values in sorted(self.about_you.items()):
            if values:
                described[question_id] = list(values)
        return described


NO_FILTER = ResponseFilter()


def local_day_start(day: dt.date) -> dt.datetime:
    """Midnight at the start of ``day`` in UK local time, as an aware UTC datetime."""
    return dt.datetime.combine(day, dt.time(), tzinfo=LOCAL_TIME).astimezone(dt.UTC)


def filtered_response_ids(consultation_id: int, response_filter: ResponseFilter) -> Select[Any] | None:
    """A ``SELECT response.id`` of the consultation's responses that pass the filter; ``None`` for
    an empty filter (count everything, with no subquery at all)."""
    if response_filter.is_empty:
        return None
    query = select(Response.id).where(Response.consultation_id == consultation_id)
    if response_filter.since:
        query = query.where(Response.submitted_at >= local_day_start(response_filter.since))
    if response_filter.until:
        end = local_day_start(response_filter.until + dt.timedelta(days=1))
        query = query.where(Response.submitted_at < end)
    if response_filter.channels:
        query = query.where(Response.channel.in_(response_filter.channels))
    for question_id, values in sorted(response_filter.about_you.items()):
        if not values:
            continue
        chosen = select(Answer.response_id).where(
            Answer.consultation_id == consultation_id,
            Answer.question_id == question_id,
            Answer.option.in_(values),
        )
        query = query.where(Response.id.in_(chosen))
    return query


def restrict_answers(
    query: Select[Any], consultation_id: int, response_filter: ResponseFilter
) -> Select[Any]:
    """``query`` over ``answer`` limited to the answers of responses that pass the filter."""
    ids = filtered_response_ids(consultation_id, response_filter)
    return query if ids is None else query.where(Answer.response_id.in_(ids))


def restrict_responses(
    query: Select[Any], consultation_id: int, response_filter: ResponseFilter
) -> Select[Any]:
    """``query`` over ``response`` limited to the responses that pass the filter."""
    ids = filtered_response_ids(consultation_id, response_filter)
    return query if ids is None else query.where(Response.id.in_(ids))
