"""``safer-voices actions import|export|board-update PARTNERSHIP``: a partnership's action plan in and
out of spreadsheets, and its quarterly board update as PDF or Word.

An import is all or nothing: a file with any problem stores nothing, prints every problem by row and
column, and exits with 2 (as does any other input that cannot be used). Changes are audited.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import with_appcontext

from analysis.exports.marking import Classification

BAD_INPUT = 2


class BadInput(click.ClickException):
    """Input that cannot be used: the message says why; the exit code is 2 and nothing is stored."""

    exit_code = BAD_INPUT


@click.group("actions")
def actions() -> None:
    """A partnership's action plan: import, export and the quarterly board update."""


@actions.command("import")
@click.argument("partnership")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@with_appcontext
def actions_import(partnership: str, file: Path) -> None:
    """Add or change PARTNERSHIP's actions from a CSV FILE with the columns
    priority,action,lead,partners,due,status,measure,update (one row per action)."""
    from survey.officers.audit import record_event
    from survey.partnerships import PartnershipError, require_partnership
    from survey.plans.csv_import import ImportFileError, import_plan
    from survey.responses.csv_import import decode_csv
    from webapp.database import unit_of_work

    try:
        text = decode_csv(file.read_bytes())
    except OSError as error:
        raise BadInput(f"{file} cannot be read ({error.strerror})") from None
    except ImportFileError as error:
        raise BadInput(str(error)) from None
    with unit_of_work() as session:
        try:
            owner = require_partnership(session, partnership)
            result = import_plan(session, owner.id, text)
        except (PartnershipError, ImportFileError) as error:
            raise BadInput(str(error)) from None
        if result.ok:
            record_event(session, partnership_id=owner.id, action="plan_imported", target_type="partnership",
                         target_id=owner.slug, details={"via": "cli", "actions_added": result.actions_added,
                                                        "actions_changed": result.actions_changed})
    if not result.ok:
        for error in result.errors:
            click.echo(str(error), err=True)
        click.echo(f"{file.name} has {len(result.errors)} problem{'s' if len(result.errors) != 1 else ''}; "
                   "nothing was stored.", err=True)
        raise SystemExit(BAD_INPUT)
    click.echo(result.summary)


@actions.command("export")
@click.argument("partnership")
@click.argument("file", required=False, type=click.Path(dir_okay=False, writable=True, path_type=Path))
@with_appcontext
def actions_export(partnership: str, file: Path | None) -> None:
    """Write PARTNERSHIP's action plan as CSV to FILE (or to the screen), in the columns import reads."""
    from analysis.exports.quarterly.plan_csv import plan_csv
    from survey.officers.audit import record_event
    from survey.partnerships import PartnershipError, require_partnership
    from webapp.database import unit_of_work

    with unit_of_work() as session:
        try:
            owner = require_partnership(session, partnership)
        except PartnershipError as error:
            raise BadInput(str(error)) from None
        text = plan_csv(session, owner.id)
        record_event(session, partnership_id=owner.id, action="plan_exported", target_type="partnership",
                     target_id=owner.slug, details={"via": "cli", "format": "csv"})
    if file is None:
        sys.stdout.write(text)
        return
    file.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))  # the byte-order mark Excel needs for UTF-8
    click.echo(f"Wrote the action plan to {file}.")


@actions.command("board-update")
@click.argument("partnership")
@click.option("--quarter", "quarter_text", required=True,
              help="The quarter, for example 2026Q3 (July to September).")
@click.option("--format", "file_format", type=click.Choice(["pdf", "docx"]), default="pdf", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path), required=True)
@click.option("--public", is_flag=True,
              help="Only what residents may read, with published figures (OFFICIAL).")
@click.option("--classification", type=click.Choice([c.value for c in Classification]),
              help="The marking (default: OFFICIAL-SENSITIVE, or OFFICIAL with --public).")
@with_appcontext
def actions_board_update(partnership: str, quarter_text: str, file_format: str, output: Path, public: bool,
                         classification: str | None) -> None:
    """Write PARTNERSHIP's quarterly board update (each priority's actions with their status, what changed
    in the quarter and what residents said) to OUTPUT as PDF or Word."""
    from analysis.exports.quarterly.build import build_board_update
    from analysis.exports.quarterly.quarter import Quarter
    from analysis.exports.quarterly.render import render_board_update
    from survey.officers.audit import record_event
    from survey.partnerships import PartnershipError, require_partnership
    from webapp.database import unit_of_work

    try:
        quarter = Quarter.parse(quarter_text)
    except ValueError as error:
        raise BadInput(str(error)) from None
    with unit_of_work() as session:
        try:
            owner = require_partnership(session, partnership)
            paper = build_board_update(session, owner, quarter, public=public, classification=classification)
        except (PartnershipError, ValueError) as error:
            raise BadInput(str(error)) from None
        record_event(session, partnership_id=owner.id, action="plan_board_update_exported",
                     target_type="partnership", target_id=owner.slug,
                     details={"via": "cli", "format": file_format, "quarter": quarter.code, "public": public})
        rendered = render_board_update(paper, file_format, owner.slug, quarter, public=public)
    output.write_bytes(rendered.content)
    click.echo(f"Wrote the board update for {quarter.months} to {output}.")
