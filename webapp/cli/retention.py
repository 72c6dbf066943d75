"""``safer-voices retention run``: anonymise or delete what is past its partnership's retention period.

One run is one unit of work over every partnership: all of it is stored or none. ``--dry-run`` does
the same work and rolls it back, so it counts exactly what a run would do and changes nothing. What
is printed and audited is counts only.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import click
from flask.cli import with_appcontext

if TYPE_CHECKING:
    from survey.retention.run import RunOutcome


@click.group()
def retention() -> None:
    """Keep data only as long as each partnership's retention policy says."""


@retention.command("run")
@click.option(
    "--as-of",
    "as_of",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Run as if today were this day (YYYY-MM-DD). Default: today.",
)
@click.option("--dry-run", is_flag=True, help="Count what would be done, and change nothing.")
@with_appcontext
def retention_run(as_of: dt.datetime | None, dry_run: bool) -> None:
    """Anonymise free text, place reports, worries and tension narratives past their period, and delete
    audit log entries past theirs. Prints counts only. Running it twice does nothing the second time."""
    from survey.retention.files import scrub_files
    from survey.retention.policy import local_date
    from survey.retention.run import run_retention
    from survey.storage.db import begin_write
    from survey.storage.types import utcnow
    from webapp.database import app_state, unit_of_work

    day = as_of.date() if as_of else local_date(utcnow())
    state = app_state()
    cell_m = state.settings.public_hotspots_cell_m
    if dry_run:
        session = state.session_factory()
        try:
            begin_write(session)
            outcome = run_retention(session, as_of=day, public_cell_m=cell_m, via="cli")
        finally:
            session.rollback()
            session.close()
    else:
        with unit_of_work() as session:
            outcome = run_retention(session, as_of=day, public_cell_m=cell_m, via="cli")
    _print(outcome, dry_run)
    if not dry_run and outcome.changed:
        scrubbed = scrub_files(state.engine)
        click.echo(f"Files: {scrubbed.what}.")


def _print(outcome: RunOutcome, dry_run: bool) -> None:
    from survey.retention.run import COUNT_LABELS

    heading = "Dry run: nothing was changed. A run" if dry_run else "Retention run"
    click.echo(f"{heading} as of {outcome.as_of.isoformat()}{' would do this' if dry_run else ''}:")
    for partnership in outcome.partnerships:
        click.echo(f"{partnership.name} ({partnership.slug}):")
        for key, label in COUNT_LABELS.items():
            click.echo(f"  {partnership.counts[key]:>7} {label}")
    click.echo(f"  {outcome.check_failures:>7} wrong check code counts from earlier days deleted")
