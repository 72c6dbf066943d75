"""``safer-voices wards ...``: loading a partnership's ward boundaries from a GeoJSON file.

An import is one unit of work: the partnership's wards are all replaced and every pinned report
assigned again, or, on any problem, nothing changes and the command exits with 2.
"""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext

BAD_INPUT = 2


def _refuse(message: str) -> None:
    click.echo(f"Error: {message}. Nothing was changed.", err=True)
    raise SystemExit(BAD_INPUT)


@click.group()
def wards() -> None:
    """Load and list a partnership's wards."""


@wards.command("import")
@click.argument("slug", metavar="PARTNERSHIP")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path), metavar="FILE.geojson")
@with_appcontext
def wards_import(slug: str, file: Path) -> None:
    """Replace PARTNERSHIP's wards with those in FILE.geojson (a FeatureCollection, one feature per
    ward with a code and a name, such as ONS's WD24CD and WD24NM, in longitude and latitude).

    Every pinned place report is then assigned to its ward. Exits with 2, changing nothing, when the
    partnership or the file cannot be used.
    """
    from survey.boundary import MAX_BOUNDARY_BYTES
    from survey.officers.audit import record_event
    from survey.partnerships import PartnershipError, require_partnership
    from survey.wards.parsing import WardFileError, parse_wards
    from survey.wards.register import replace_wards
    from webapp.database import unit_of_work

    try:
        if not file.is_file():
            _refuse(f"{file} is not a file")
        if file.stat().st_size > MAX_BOUNDARY_BYTES:
            _refuse(f"{file.name} is larger than {MAX_BOUNDARY_BYTES // 2**20} MB")
        text = file.read_bytes().decode("utf-8-sig")
        parsed = parse_wards(text)  # read and checked before the database is touched
    except UnicodeDecodeError:
        _refuse(f"{file.name} must be text in UTF-8 (a .geojson file)")
    except WardFileError as error:
        _refuse(str(error).rstrip("."))
    try:
        with unit_of_work() as session:
            owner = require_partnership(session, slug)
            result = replace_wards(session, owner.id, parsed)
            record_event(
                session,
                partnership_id=owner.id,
                action="wards_imported",
                target_type="partnership",
                target_id=owner.id,
                details={
                    "wards": result.wards,
                    "assigned": result.assigned,
                    "bytes": len(text),
                    "via": "cli",
                },
            )
    except (PartnershipError, WardFileError) as error:
        _refuse(str(error).rstrip("."))
    click.echo(
        f"{result.wards} wards loaded for '{slug}'. {result.assigned} of {result.pinned} pinned "
        "answers lie in a ward."
    )


@wards.command("list")
@click.argument("slug", metavar="PARTNERSHIP")
@with_appcontext
def wards_list(slug: str) -> None:
    """List PARTNERSHIP's wards, one "code<TAB>name" a line."""
    from survey.partnerships import PartnershipError, require_partnership
    from survey.wards.register import partnership_wards
    from webapp.database import unit_of_work

    try:
        with unit_of_work() as session:
            owner = require_partnership(session, slug)
            rows = [(ward.code, ward.name) for ward in partnership_wards(session, owner.id)]
    except PartnershipError as error:
        _refuse(str(error).rstrip("."))
    if not rows:
        click.echo(f"'{slug}' has no wards. Load them with: safer-voices wards import {slug} FILE.geojson")
    for code, name in rows:
        click.echo(f"{code}\t{name}")
