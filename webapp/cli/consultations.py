"""``safer-voices consultations ...`` and ``safer-voices responses import``: running consultations
from the command line. Each command is one unit of work: it stores everything or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click
from flask.cli import with_appcontext

from webapp.cli.lookup import consultation_named

if TYPE_CHECKING:  # the rest is imported inside each command, so the command line starts at once
    from sqlalchemy.orm import Session

    from survey.responses.imports.fingerprints import Fingerprint
    from survey.storage.models import Consultation
    from survey.vocabulary import ConsultationStatus

BOM = b"\xef\xbb\xbf"


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise click.ClickException(f"{path.name} is not UTF-8 text; save it as UTF-8 and try again") from None


@click.group()
def consultations() -> None:
    """Create, list, open and close consultations; change their questions as YAML; print them on paper."""


@consultations.command("create")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--partnership", "partnership_slug", required=True, help="The partnership's slug.")
@click.option("--slug", help="The slug in its public web address (default: the definition's id).")
@click.option("--open", "open_now", is_flag=True, help="Open it to the public at once (default: draft).")
@with_appcontext
def consultations_create(file: Path, partnership_slug: str, slug: str | None, open_now: bool) -> None:
    """Create a consultation from a definition FILE (YAML)."""
    from survey.consultations import ConsultationError, create_consultation
    from survey.definitions.definition import DefinitionError
    from survey.officers.audit import record_event
    from survey.partnerships import PartnershipError, require_partnership
    from survey.vocabulary import ConsultationStatus
    from webapp.database import unit_of_work as _unit_of_work

    source = _read_text(file)
    status = ConsultationStatus.OPEN if open_now else ConsultationStatus.DRAFT
    try:
        with _unit_of_work() as session:
            owner = require_partnership(session, partnership_slug)
            created = create_consultation(
                session, owner, source, source_name=file.name, slug=slug, status=status
            )
            record_event(session, partnership_id=owner.id, action="consultation_created",
                         target_type="consultation", target_id=created.slug, details={"via": "cli"})
            click.echo(f"Created consultation '{created.slug}' ({created.status.value}): {created.title}")
    except DefinitionError as error:
        for problem in error.problems:
            click.echo(problem, err=True)
        count = len(error.problems)
        raise click.ClickException(
            f"{file.name} has {count} problem{'s' if count != 1 else ''}; nothing was stored"
        ) from None
    except (ConsultationError, PartnershipError) as error:
        raise click.ClickException(str(error)) from None


@consultations.command("list")
@click.option("--partnership", "partnership_slug", help="Only this partnership's consultations.")
@with_appcontext
def consultations_list(partnership_slug: str | None) -> None:
    """List consultations with their status, dates and number of responses."""
    from survey.consultations import all_consultations, partnership_consultations, response_counts
    from survey.partnerships import PartnershipError, require_partnership
    from webapp.database import unit_of_work as _unit_of_work

    with _unit_of_work() as session:
        if partnership_slug:
            try:
                owner = require_partnership(session, partnership_slug)
            except PartnershipError as error:
                raise click.ClickException(str(error)) from None
            found = partnership_consultations(session, owner.id)[::-1]  # oldest first, like the rest
        else:
            found = all_consultations(session)
        counts = response_counts(session, [consultation.id for consultation in found])
        rows = [
            (c.partnership.slug, c.slug, c.kind.value, c.status.value, _date(c.opens_on), _date(c.closes_on),
             str(counts[c.id]), c.title)
            for c in found
        ]
    if not rows:
        click.echo("There are no consultations.")
        return
    header = ("PARTNERSHIP", "SLUG", "KIND", "STATUS", "OPENS", "CLOSES", "RESPONSES", "TITLE")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    for row in [header, *rows]:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        click.echo("  ".join([*cells, row[-1]]))


def _date(value: object) -> str:
    return str(value) if value else "-"


def _change_status(slug: str, status: ConsultationStatus, action: str) -> None:
    from survey.consultations import is_accepting, set_status
    from survey.officers.audit import record_event
    from survey.vocabulary import ConsultationStatus
    from webapp.database import unit_of_work as _unit_of_work

    with _unit_of_work() as session:
        consultation = consultation_named(session, slug)
        before = consultation.status
        set_status(session, consultation, status)
        record_event(session, partnership_id=consultation.partnership_id, action=action,
                     target_type="consultation", target_id=consultation.slug,
                     details={"from": before.value, "to": status.value, "via": "cli"})
        accepting = is_accepting(consultation)
        click.echo(f"'{consultation.slug}' is now {status.value}.")
        if status == ConsultationStatus.OPEN and not accepting:
            click.echo(
                f"Its dates ({_date(consultation.opens_on)} to {_date(consultation.closes_on)}) mean the "
                "public cannot answer it today."
            )


@consultations.command("open")
@click.argument("slug")
@with_appcontext
def consultations_open(slug: str) -> None:
    """Open the consultation SLUG to the public (within its dates, if it has any)."""
    from survey.vocabulary import ConsultationStatus

    _change_status(slug, ConsultationStatus.OPEN, "consultation_opened")


@consultations.command("close")
@click.argument("slug")
@with_appcontext
def consultations_close(slug: str) -> None:
    """Close the consultation SLUG: it takes no more responses."""
    from survey.vocabulary import ConsultationStatus

    _change_status(slug, ConsultationStatus.CLOSED, "consultation_closed")


@consultations.command("yaml")
@click.argument("slug")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              help="Write the YAML to this file (default: print it).")
@click.option("--version", "number", type=int, help="An earlier version (default: the current one).")
@with_appcontext
def consultations_yaml(slug: str, output: Path | None, number: int | None) -> None:
    """Print or save the definition (YAML) of the consultation SLUG."""
    from survey.authoring.versions import version_of
    from webapp.database import unit_of_work as _unit_of_work

    with _unit_of_work() as session:
        consultation = consultation_named(session, slug)
        stored = consultation.definition if number is None else version_of(session, consultation, number)
        if stored is None:
            raise click.ClickException(f"'{slug}' has no version {number}")
        source = stored.source
    if output is None:
        click.echo(source, nl=not source.endswith("\n"))
        return
    output.write_text(source, encoding="utf-8")
    click.echo(f"Wrote the definition of '{slug}' to {output}.", err=True)


@consultations.command("versions")
@click.argument("slug")
@with_appcontext
def consultations_versions(slug: str) -> None:
    """List the versions of the definition of the consultation SLUG, newest first."""
    from survey.authoring.versions import responses_per_version, versions
    from webapp.database import unit_of_work as _unit_of_work

    with _unit_of_work() as session:
        consultation = consultation_named(session, slug)
        answered = responses_per_version(session, consultation)
        rows = [
            (str(v.version), f"{v.created_at:%Y-%m-%d %H:%M}", v.created_by.email if v.created_by else "-",
             str(answered.get(v.id, 0)), v.change_summary or "")
            for v in versions(session, consultation)
        ]
    header = ("VERSION", "SAVED (UTC)", "BY", "RESPONSES", "WHAT CHANGED")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header) - 1)]
    for row in [header, *rows]:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=False)]
        click.echo("  ".join([*cells, row[-1]]))


@consultations.command("update")
@click.argument("slug")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def consultations_update(slug: str, file: Path) -> None:
    """Replace the definition of the consultation SLUG with FILE (YAML), as a new version.

    Once it has responses, changes that would lose answers (removing an answered question or option,
    changing a type, adding a required question) are refused: close it and copy it instead.
    """
    from survey.authoring.versions import ChangeRefused, save_definition
    from survey.definitions.definition import DefinitionError
    from webapp.database import unit_of_work as _unit_of_work

    source = _read_text(file)
    try:
        with _unit_of_work() as session:
            consultation = consultation_named(session, slug)
            before = consultation.definition_id
            save_definition(session, consultation, source, source_name=file.name, via="cli")
            changed = consultation.definition_id != before
            version = consultation.definition.version
    except DefinitionError as error:
        _fail(error.problems, f"{file.name} has {_problems(len(error.problems))}; nothing was changed")
    except ChangeRefused as error:
        _fail(error.problems, f"'{slug}' has responses that this change would break; nothing was changed")
    if changed:
        click.echo(f"'{slug}' now runs version {version} of its definition.")
    else:
        click.echo(f"{file.name} asks the same as the current version of '{slug}'; nothing was changed.")


def _problems(count: int) -> str:
    return f"{count} problem{'s' if count != 1 else ''}"


def _fail(problems: list[str], summary: str) -> NoReturn:
    for problem in problems:
        click.echo(problem, err=True)
    raise click.ClickException(summary)


@click.group()
def responses() -> None:
    """Import responses."""


@responses.command("import")
@click.argument("consultation_slug", metavar="CONSULTATION")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--skip-invalid", is_flag=True, help="Store the valid rows even if others have errors.")
@click.option("--mapping", "mapping_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A YAML file mapping other tools' column headers and values (see the README).")
@click.option("--from", "tool", default="safer-voices", show_default=True,
              type=click.Choice(["safer-voices", "google-forms", "microsoft-forms", "smartsurvey",
                                 "citizen-space"]),
              help="The tool the file was exported from.")
@click.option("--sheet", help="The sheet of a spreadsheet to read (default: the first).")
@click.option("--save-mapping", "save_mapping", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the column mapping used to this YAML file, for next time.")
@click.option("--allow-duplicate", is_flag=True, help="Import the file even if it was imported before.")
@with_appcontext
def responses_import(
    consultation_slug: str, file: Path, skip_invalid: bool, mapping_file: Path | None, tool: str,
    sheet: str | None, save_mapping: Path | None, allow_duplicate: bool,
) -> None:
    """Import responses to CONSULTATION from FILE (.csv, .xlsx or .ods; one row per response).

    By default a file with any bad row stores nothing. Exits with 1 when any row failed.
    """
    from survey.consultations import definition_of
    from survey.officers.audit import record_event
    from survey.responses.csv_import import (
        MAX_FILE_BYTES,
        ColumnMapping,
        ImportFileError,
        MappingError,
        import_records,
        load_mapping,
    )
    from survey.responses.imports.fingerprints import fingerprint, record_import
    from survey.responses.imports.plan import mapping_yaml, plan_import
    from survey.responses.imports.presets import PRESETS, SAFER_VOICES
    from survey.responses.imports.spreadsheets import read_table
    from survey.responses.imports.translate import translate
    from webapp.database import unit_of_work as _unit_of_work

    try:
        if file.stat().st_size > MAX_FILE_BYTES + len(BOM):
            raise ImportFileError(f"{file.name} is larger than {MAX_FILE_BYTES // 2**20} MB; split it up")
        data = file.read_bytes()
        records = read_table(data, file.name, sheet)
        mapping = load_mapping(_read_text(mapping_file), mapping_file.name) if mapping_file else None
    except (ImportFileError, MappingError) as error:
        raise click.ClickException(str(error)) from None
    with _unit_of_work() as session:
        consultation = consultation_named(session, consultation_slug)
        try:
            if tool == SAFER_VOICES:
                print_ = fingerprint(data, ())
                _refuse_duplicate(session, consultation, print_, allow_duplicate)
                result = import_records(session, consultation, records, skip_invalid=skip_invalid,
                                        mapping=mapping)
                header = [cell.strip() for cell in (records[0] if records else []) if cell.strip()]
                used = mapping or ColumnMapping(columns={name: name for name in header})
            else:
                plan = plan_import(definition_of(consultation), records, PRESETS[tool], mapping)
                for notice in plan.notices:
                    click.echo(notice, err=True)
                problems = plan.problems()
                if problems:
                    _fail([str(problem) for problem in problems],
                          "Nothing was stored. Map the columns above in a mapping file (--mapping).")
                table = translate(plan)
                print_ = fingerprint(data, table.references)
                _refuse_duplicate(session, consultation, print_, allow_duplicate)
                result = import_records(session, consultation, table.records, skip_invalid=skip_invalid,
                                        mapping=table.mapping, first_row=table.first_row,
                                        known_errors=table.errors)
                used = plan.mapping()
        except ImportFileError as error:
            raise click.ClickException(str(error)) from None
        if result.stored:
            record_import(session, consultation, print_, tool, result.stored)
            record_event(session, partnership_id=consultation.partnership_id, action="responses_imported",
                         target_type="consultation", target_id=consultation.slug,
                         details={"stored": result.stored, "rejected_rows": len(result.rejected_rows),
                                  "via": "cli", "from": tool})
    if save_mapping is not None:
        save_mapping.write_text(mapping_yaml(used), encoding="utf-8")
        click.echo(f"Wrote the column mapping to {save_mapping}.", err=True)
    for error in result.errors:
        click.echo(str(error), err=True)
    if result.errors and not skip_invalid:
        click.echo("Nothing was stored. Fix the rows above, or use --skip-invalid to store the others.",
                   err=True)
        raise SystemExit(1)
    click.echo(result.summary)
    if result.errors:
        click.echo(f"{len(result.rejected_rows)} row(s) with errors were not stored.", err=True)
        raise SystemExit(1)


def _refuse_duplicate(
    session: Session, consultation: Consultation, print_: Fingerprint, allowed: bool
) -> None:
    from survey.responses.imports import texts
    from survey.responses.imports.fingerprints import earlier_import

    earlier = None if allowed else earlier_import(session, consultation, print_)
    if earlier is not None:
        raise click.ClickException(texts.DUPLICATE_FILE.format(
            consultation=consultation.slug, date=f"{earlier.imported_at:%d %B %Y at %H:%M} UTC"))


@consultations.command("paper")
@click.argument("slug")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The PDF file to write.")
@click.option("--large-print", is_flag=True, help="Print it in large print (16 point and up).")
@with_appcontext
def consultations_paper(slug: str, output: Path, large_print: bool) -> None:
    """Write the consultation SLUG as a printable questionnaire (PDF) to OUTPUT, numbered as paper
    entry numbers it, with a QR code to the online version."""
    # reportlab loads only when a questionnaire is printed, so every other command starts fast.
    from analysis.exports.questionnaire.build import consultation_questionnaire
    from survey.vocabulary import DefinitionKind
    from webapp.database import app_state
    from webapp.database import unit_of_work as _unit_of_work

    with _unit_of_work() as session:
        consultation = consultation_named(session, slug)
        if consultation.kind != DefinitionKind.CONSULTATION:
            raise click.ClickException(f"'{slug}' is a {consultation.kind.value.replace('_', ' ')} form, "
                                       "not a consultation: only consultations are printed")
        online_url = f"{app_state().settings.base_url}/consultations/{consultation.slug}/"
        pdf = consultation_questionnaire(consultation, online_url=online_url, large_print=large_print)
    try:
        output.write_bytes(pdf)
    except OSError as error:
        raise click.ClickException(f"Could not write {output}: {error.strerror}") from None
    kind = "large print paper questionnaire" if large_print else "paper questionnaire"
    click.echo(f"Wrote the {kind} for '{slug}' to {output}.")
    click.echo(f"Its QR code opens {online_url} (SAFER_VOICES_BASE_URL sets the address).")
