"""The reports list's filters: read from the query string (a GET form, so a filtered list can be
bookmarked and works without JavaScript), checked, and turned into the links of the page's pagination."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from werkzeug.datastructures import MultiDict

from survey.storage.models import Officer
from survey.triage.actions import STATUS_LABELS
from survey.triage.listing import SEARCH_MAX_LENGTH, ReportQuery, ReportSort
from survey.vocabulary import Channel, DefinitionKind, ReportStatus
from webapp.officer.query import date_arg

KIND_LABELS = {
    DefinitionKind.PLACE_REPORT: "Place report",
    DefinitionKind.WORRY: "Worry",
    DefinitionKind.CONSULTATION: "Consultation response",
}
# Where place reports and worries mostly come from first: the website, its chat, then Telegram.
CHANNEL_LABELS = {
    channel: channel.label
    for channel in (Channel.WEB, Channel.CHAT, Channel.BOT, Channel.PAPER, Channel.IMPORT)
}
SORT_LABELS = {
    ReportSort.URGENT_FIRST: "Urgent first",
    ReportSort.NEWEST: "Newest first",
    ReportSort.OLDEST: "Oldest first",
}
URGENCY_LABELS = {"": "Urgent or not", "yes": "Urgent only", "no": "Not urgent"}
ME, NOBODY = "me", "nobody"


@dataclass
class ListFilters:
    """What the query string asked for, what is wrong with it, and the values to show in the form."""

    query: ReportQuery
    errors: dict[str, str] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)


def _chosen(args: MultiDict[str, str], name: str, known: type[Any]) -> tuple[Any, ...]:
    values = {member.value for member in known}
    return tuple(known(value) for value in dict.fromkeys(args.getlist(name)) if value in values)


def read_filters(args: MultiDict[str, str], me: Officer, officers: list[Officer]) -> ListFilters:
    """The filters in ``args``. A value that is not understood is left out (and, for a date, named
    in ``errors`` with GOV.UK wording), so the list always shows something."""
    errors: dict[str, str] = {}
    since, until = date_arg(args, "from", errors), date_arg(args, "to", errors)
    if since and until and until < since:
        errors["to"] = "The end date must be the same as or after the start date"
        until = None
    urgency = args.get("urgent", "")
    urgency = urgency if urgency in URGENCY_LABELS else ""
    assignee = args.get("assignee", "")
    known_ids = {str(officer.id): officer.id for officer in officers}
    assigned_to = me.id if assignee == ME else known_ids.get(assignee)
    if assignee not in (ME, NOBODY) and assigned_to is None:
        assignee = ""
    sort = args.get("sort", ReportSort.URGENT_FIRST.value)
    sort = sort if sort in {s.value for s in ReportSort} else ReportSort.URGENT_FIRST.value
    text = args.get("q", "").strip()[:SEARCH_MAX_LENGTH]
    query = ReportQuery(
        statuses=_chosen(args, "status", ReportStatus), urgent={"yes": True, "no": False}.get(urgency),
        kinds=_chosen(args, "kind", DefinitionKind), channels=_chosen(args, "channel", Channel),
        area=args.get("area", "").strip()[:63] or None, ward=args.get("ward", "").strip()[:20] or None,
        since=since, until=until,
        assigned_to=assigned_to, unassigned=assignee == NOBODY, text=text, sort=ReportSort(sort),
    )
    values = {
        "status": [s.value for s in query.statuses], "urgent": urgency,
        "kind": [k.value for k in query.kinds],
        "channel": [c.value for c in query.channels], "area": query.area or "", "ward": query.ward or "",
        "assignee": assignee,
        "from": args.get("from", "").strip(), "to": args.get("to", "").strip(), "q": text, "sort": sort,
    }
    return ListFilters(query=query, errors=errors, values=values)


def link_args(filters: ListFilters) -> dict[str, Any]:
    """The filters as query-string arguments for ``url_for``: only what is set, so links stay short."""
    return {name: value for name, value in filters.values.items()
            if value and not (name == "sort" and value == ReportSort.URGENT_FIRST.value)
            and name not in filters.errors}


def page_number(args: MultiDict[str, str]) -> int:
    """The page asked for; anything that is not a positive whole number is page 1."""
    value = args.get("page", "1").strip()
    return int(value) if value.isdigit() and 0 < int(value) < 1_000_000 else 1


def pagination(page: int, pages: int, href: Callable[[int], str]) -> dict[str, Any] | None:
    """The parameters of GOV.UK pagination: the first, last, current and neighbouring pages, with
    ellipses between; ``None`` when everything fits on one page."""
    if pages <= 1:
        return None
    shown = sorted({1, pages, page - 1, page, page + 1} & set(range(1, pages + 1)))
    items: list[dict[str, Any]] = []
    for number in shown:
        if items and number - items[-1].get("number", number) > 1:
            items.append({"ellipsis": True})
        items.append({"number": number, "href": href(number), "current": number == page})
    params: dict[str, Any] = {"items": items, "landmarkLabel": "Pages of reports"}
    if page > 1:
        params["previous"] = {"href": href(page - 1)}
    if page < pages:
        params["next"] = {"href": href(page + 1)}
    return params


def status_choices() -> list[tuple[str, str]]:
    return [(status.value, label) for status, label in STATUS_LABELS.items()]
