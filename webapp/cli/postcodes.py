"""``safer-voices postcodes ...``: the optional offline postcode table, from the ONS Postcode Directory.

An import is one unit of work: the whole table is replaced, or, on any bad row, nothing changes and
the command exits with 2 after listing each problem (row, column and why).
"""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

BAD_INPUT = 2


@click.group()
def postcodes() -> None:
    """Load the postcode table, so officers and residents can type a postcode instead of using a map."""


@postcodes.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE.csv")
@with_appcontext
def postcodes_import(file: Path) -> None:
    """Replace the postcode table with the live postcodes in FILE.csv, the ONS Postcode Directory
    (columns pcds or pcd, lat, long, and doterm: terminated postcodes are skipped).

    Exits with 2, changing nothing, when the file cannot be read or any row is bad.
    """
    from survey.places.postcode_import import PostcodeFileError, import_postcodes
    from webapp.database import unit_of_work

    if not file.is_file():
        _refuse([f"{file} is not a file"])
    try:
        with unit_of_work() as session, file.open(encoding="utf-8-sig", newline="") as lines:
            result = import_postcodes(session, lines)
    except UnicodeDecodeError:
        _refuse([f"{file.name} must be text in UTF-8 (a .csv file)"])
    except PostcodeFileError as error:
        _refuse(error.problems)
    click.echo(
        f"Loaded {result.loaded} postcodes. Skipped {result.terminated} terminated "
        f"postcode{'' if result.terminated == 1 else 's'} and {result.without_location} "
        f"without a location."
    )


@postcodes.command("count")
@with_appcontext
def postcodes_count() -> None:
    """Say how many postcodes are loaded."""
    from sqlalchemy import func, select

    from survey.storage.models import Postcode
    from webapp.database import unit_of_work

    with unit_of_work() as session:
        count = session.scalar(select(func.count()).select_from(Postcode)) or 0
    if count:
        click.echo(f"{count} postcodes are loaded.")
    else:
        click.echo("No postcodes are loaded. Load them with: safer-voices postcodes import FILE.csv")


def _refuse(problems: list[str]) -> None:
    for problem in problems:
        click.echo(f"Error: {problem}.", err=True)
    click.echo("Nothing was changed.", err=True)
    raise SystemExit(BAD_INPUT)
