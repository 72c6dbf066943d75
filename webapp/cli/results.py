"""``safer-voices results publish|unpublish SLUG``: put a closed consultation's public figures on the
public results pages as a dated snapshot, or take them off. Both are recorded in the audit log."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from webapp.cli.lookup import consultation_named


@click.group("results")
def results() -> None:
    """Published results pages."""


@results.command("publish")
@click.argument("consultation")
@with_appcontext
def results_publish(consultation: str) -> None:
    """Publish CONSULTATION's results (it must be closed): a new dated snapshot of its public figures."""
    from analysis.published import publish
    from survey.publications import PublicationError
    from webapp.database import unit_of_work

    try:
        with unit_of_work() as session:
            found = consultation_named(session, consultation)
            publication = publish(session, found, via="cli")
            when = f"{publication.published_at:%-d %B %Y %H:%M} UTC"
    except PublicationError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"Published the results of '{consultation}' ({when}).")


@results.command("unpublish")
@click.argument("consultation")
@with_appcontext
def results_unpublish(consultation: str) -> None:
    """Take CONSULTATION's published results off the public pages."""
    from survey.publications import PublicationError, unpublish
    from webapp.database import unit_of_work

    try:
        with unit_of_work() as session:
            unpublish(session, consultation_named(session, consultation), via="cli")
    except PublicationError as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"The results of '{consultation}' are no longer published.")
