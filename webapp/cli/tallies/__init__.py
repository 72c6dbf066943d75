"""``safer-voices tallies rebuild``: count the kept tallies (``survey.tallies``) again from the answers.

The tallies are kept up to date with every change to the answers, so this is for after a bulk load
written straight into the database, or to check them: a report reads the same figures either way.
(A package rather than a module beside the others only because webapp/cli holds the most modules a
folder may.)
"""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from webapp.cli.lookup import consultation_named


@click.group()
def tallies() -> None:
    """Count the tallies that unfiltered reports read again from the answers."""


@tallies.command("rebuild")
@click.option("--consultation", "slug", help="Only this consultation (the slug in its public URL).")
@with_appcontext
def tallies_rebuild(slug: str | None) -> None:
    """Count the kept tallies of every consultation (or of one) again from their answers, all in one
    transaction. On PostgreSQL, submits wait until it has finished."""
    from survey.officers.audit import record_event
    from survey.storage.models import Consultation
    from survey.tallies.rebuild import rebuild_tallies
    from webapp.database import unit_of_work

    with unit_of_work() as session:
        wanted = [consultation_named(session, slug).id] if slug else None
        counted = rebuild_tallies(session, wanted)
        for consultation_id in counted:
            consultation = session.get_one(Consultation, consultation_id)
            record_event(
                session,
                partnership_id=consultation.partnership_id,
                action="tallies_rebuilt",
                target_type="consultation",
                target_id=consultation.slug,
                details={"via": "cli"},
            )
    responses = sum(counted.values())
    if slug:
        click.echo(f"Counted the tallies of '{slug}' again from its answers: {responses:,} responses.")
    else:
        plural = "consultation" if len(counted) == 1 else "consultations"
        click.echo(
            f"Counted the tallies of {len(counted):,} {plural} again from their answers: "
            f"{responses:,} responses."
        )
