"""``safer-voices reports list`` and ``safer-voices reports update``: triage from the shell.

The list shows what a report is and where it has got to, never what it says. An update is one unit
of work: every change it asks for is made, or (on any bad input) none is. Each change writes the
same audit event as the web, with no officer (the command line is run by whoever administers the
server) and ``"via": "cli"`` in its details.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import click
from flask.cli import with_appcontext

if TYPE_CHECKING:
    from survey.storage.models import Officer
    from survey.triage.listing import ReportItem

from survey.vocabulary import ReportStatus

STATUSES = [status.value for status in ReportStatus]


@click.group("reports")
def reports() -> None:
    """List place reports, worries and urgent responses, and update their status, reply and assignee."""


def _as_data(item: ReportItem) -> dict[str, Any]:
    return {
        "reference": item.reference, "partnership": item.partnership_slug, "kind": item.kind.value,
        "consultation": item.consultation_title, "channel": item.channel.value, "urgent": item.urgent,
        "risk_categories": list(item.risk_categories), "status": item.status.value,
        "assigned_to": item.assignee_email, "opened": item.opened,
        "received": item.submitted_at.isoformat(),
    }


def _table(items: list[ReportItem]) -> str:
    header = ("REFERENCE", "PARTNERSHIP", "KIND", "STATUS", "URGENT", "RECEIVED (UTC)", "ASSIGNED TO")
    rows = [header] + [
        (item.reference, item.partnership_slug, item.kind.value, item.status.value,
         ("yes, not opened" if item.waiting else "yes") if item.urgent else "no",
         item.submitted_at.strftime("%Y-%m-%d %H:%M"), item.assignee_email or "-")
        for item in items
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(len(header))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
                     for row in rows)


@reports.command("list")
@click.option("--partnership", "partnership_slug",
              help="Only this partnership's reports (default: every one).")
@click.option("--status", "statuses", multiple=True, type=click.Choice(STATUSES),
              help="Only reports with this status (repeat for several).")
@click.option("--urgent", is_flag=True, help="Only urgent reports.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.option("--limit", type=click.IntRange(1, 10_000), default=500, show_default=True,
              help="Show at most this many (urgent reports nobody has opened first, then urgent, "
                   "then newest).")
@with_appcontext
def reports_list(partnership_slug: str | None, statuses: tuple[str, ...], urgent: bool, fmt: str,
                 limit: int) -> None:
    """List reports: reference, kind, status, urgency, when and who has it; never what they say."""
    from survey.partnerships import PartnershipError, require_partnership
    from survey.triage.listing import ReportQuery, list_reports
    from webapp.database import unit_of_work

    query = ReportQuery(statuses=tuple(ReportStatus(s) for s in statuses), urgent=True if urgent else None)
    try:
        with unit_of_work() as session:
            partnership_id = require_partnership(session, partnership_slug).id if partnership_slug else None
            page = list_reports(session, partnership_id, query, per_page=limit)
    except PartnershipError as error:
        raise click.ClickException(str(error)) from None
    if fmt == "json":
        click.echo(json.dumps({"total": page.total, "shown": len(page.items),
                               "reports": [_as_data(item) for item in page.items]}, indent=2))
        return
    if not page.items:
        click.echo("No reports match.")
        return
    click.echo(_table(page.items))
    if page.total > len(page.items):
        click.echo(f"Showing {len(page.items):,} of {page.total:,}: use --limit to see more.", err=True)


def _assignee(session: Any, email: str, partnership_id: int) -> Officer:
    from survey.officers.accounts import officer_by_email

    officer = officer_by_email(session, email)
    if officer is None or officer.partnership_id != partnership_id:
        raise click.ClickException(f"There is no officer with the email address {email} in this report's "
                                   "partnership")
    return officer


@reports.command("update")
@click.argument("reference")
@click.option("--status", type=click.Choice(STATUSES), help="The report's new status.")
@click.option("--reply", help="A reply the reporter sees when they check the report. Whoever holds "
                              "their phone may read it.")
@click.option("--status-only", is_flag=True, help="Take back any reply: the reporter sees only the status.")
@click.option("--assign", "email", help="The email address of the officer who will deal with it.")
@click.option("--unassign", is_flag=True, help="Leave the report with nobody.")
@with_appcontext
def reports_update(reference: str, status: str | None, reply: str | None, status_only: bool,
                   email: str | None, unassign: bool) -> None:
    """Change REFERENCE's status, reply or assignee. Every change is audited; nothing changes on an error."""
    from survey.triage import actions
    from survey.triage.actions import Actor, TriageError
    from survey.triage.listing import report_by_reference
    from webapp.database import unit_of_work

    if status is None and reply is None and not status_only and email is None and not unassign:
        raise click.UsageError(
            "Give at least one of --status, --reply, --status-only, --assign or --unassign")
    if reply is not None and status_only:
        raise click.UsageError("Give --reply or --status-only, not both")
    if email is not None and unassign:
        raise click.UsageError("Give --assign or --unassign, not both")
    by = Actor.cli()
    done: list[str] = []
    try:
        with unit_of_work() as session:
            response = report_by_reference(session, reference)
            if response is None:
                raise click.ClickException(f"There is no report with the reference {reference}")
            if email is not None or unassign:
                officer = _assignee(session, email, response.partnership_id) if email is not None else None
                if actions.assign(session, response, officer, by=by):
                    done.append(f"assigned to {officer.email}" if officer else "assigned to nobody")
            if status is not None and actions.set_status(session, response, status, by=by):
                done.append(f"status {status}")
            if (reply is not None or status_only) and actions.set_reply(session, response, reply, by=by):
                done.append("reply saved" if reply is not None else "only the status is shared")
            shown = response.reference
    except TriageError as error:
        raise click.ClickException(f"{error}; nothing was changed") from None
    click.echo(f"{shown}: {', '.join(done)}." if done else f"{shown}: nothing to change.")
