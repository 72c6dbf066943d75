"""``safer-voices report``, ``safer-voices sentiment rescore`` and ``safer-voices tallies rebuild``:
reports and exports from the shell, and the figures they read.

Every export writes an audit event (no officer: the command line is run by whoever administers the
server), with the format, variant and filters but never any content.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click
from flask.cli import with_appcontext

from analysis.exports.formats import FORMATS, marked_formats
from analysis.exports.marking import Classification
from survey.vocabulary import Channel
from webapp.cli.lookup import consultation_named


def _listed(names: list[str], last: str) -> str:
    """``a, b or c`` (``last`` is "or" or "and"): format names in a help text."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} {last} {names[-1]}"


REPORT_HELP = f"Report on CONSULTATION (the slug in its public URL) as {_listed(list(FORMATS), 'or')}."
_TEXT_FORMATS = _listed([name for name, export in FORMATS.items() if not export.binary], "and")
OUTPUT_HELP = f"File to write (default: print {_TEXT_FORMATS} to standard output)."
CLASSIFICATION_HELP = (f"The marking at the top and bottom of every page "
                       f"({_listed(marked_formats(), 'and')}). "
                       "Default: OFFICIAL-SENSITIVE for officers' reports (they hold exact small counts and "
                       "what people wrote); a public report is always OFFICIAL.")

@click.command("report", help=REPORT_HELP)
@click.argument("consultation")
@click.option("--format", "fmt", type=click.Choice(list(FORMATS)), default="json", show_default=True)
@click.option("--public", is_flag=True, help="Apply disclosure control (10-5 rule) and leave out free text.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help=OUTPUT_HELP)
@click.option("--from", "since", type=click.DateTime(["%Y-%m-%d"]), help="First day (YYYY-MM-DD), UK time.")
@click.option("--to", "until", type=click.DateTime(["%Y-%m-%d"]), help="Last day (YYYY-MM-DD), UK time.")
@click.option("--channel", "channels", multiple=True, type=click.Choice([c.value for c in Channel]),
              help="Only responses that came this way (repeat for several).")
@click.option("--compare", "earlier_slug",
              help="An earlier consultation to compare with (json, html, pdf and docx; officers' variant "
                   "only).")
@click.option("--classification", type=click.Choice([c.value for c in Classification], case_sensitive=False),
              help=CLASSIFICATION_HELP)
@with_appcontext
def report(consultation: str, fmt: str, public: bool, output: Path | None, since: dt.datetime | None,
           until: dt.datetime | None, channels: tuple[str, ...], earlier_slug: str | None,
           classification: str | None) -> None:
    from analysis.exports.build import EXPORT_ACTION, ExportError, audit_details, export_report
    from analysis.filters import ResponseFilter
    from survey.officers.audit import record_event
    from survey.private_files import write_private
    from webapp.database import unit_of_work

    if output is None and FORMATS[fmt].binary:
        raise click.UsageError(f"{fmt} is a binary format: give a file with -o FILE")
    response_filter = ResponseFilter(
        since=since.date() if since else None, until=until.date() if until else None,
        channels=tuple(Channel(c) for c in channels),
    )
    with unit_of_work() as session:
        found = consultation_named(session, consultation)
        earlier = consultation_named(session, earlier_slug) if earlier_slug else None
        if earlier is not None and earlier.partnership_id != found.partnership_id:
            raise click.ClickException("The consultation to compare with belongs to another partnership")
        try:
            exported = export_report(session, found, fmt, public=public, response_filter=response_filter,
                                     earlier=earlier, classification=classification)
            content = exported.as_bytes()
        except ExportError as error:
            raise click.ClickException(str(error)) from error
        if output is None:
            click.echo(content.decode("utf-8"), nl=False)  # every format that is not binary is UTF-8 text
        else:
            write_private(output, content)  # 0600: an export holds what people told the partnership
        record_event(session, partnership_id=found.partnership_id, action=EXPORT_ACTION,
                     target_type="consultation", target_id=found.id,
                     details=audit_details(fmt, public, response_filter, via="cli",
                                           classification=exported.classification))
    if output is not None:
        click.echo(f"Wrote {output} ({len(content):,} bytes).", err=True)


@click.group("sentiment")
def sentiment() -> None:
    """Sentiment of free-text answers."""


@sentiment.command("rescore")
@click.argument("consultation")
@click.option("--all", "everything", is_flag=True, help="Re-score every answer, not only unscored ones.")
@with_appcontext
def sentiment_rescore(consultation: str, everything: bool) -> None:
    """Score CONSULTATION's answers to questions with `sentiment: true` that have no score yet
    (backfill), and clear the scores of answers to free-text questions with it off."""
    from survey.responses.rescore import rescore_sentiment
    from webapp.database import unit_of_work

    with unit_of_work() as session:
        done = rescore_sentiment(session, consultation_named(session, consultation), everything=everything)
    click.echo(f"Scored {done.scored:,} free-text answer{'s' if done.scored != 1 else ''}.")
    if done.cleared:
        click.echo(f"Cleared the sentiment of {done.cleared:,} answer{'s' if done.cleared != 1 else ''} to "
                   "questions that do not ask for feelings or views (sentiment: false).")


@click.group("tallies")
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
