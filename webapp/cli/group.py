"""The ``safer-voices`` command: Flask's Click CLI plus the project's own commands."""

from __future__ import annotations

import sys
from importlib.metadata import entry_points
from typing import Any

import click
from flask import Flask
from flask.cli import FlaskGroup, ScriptInfo, with_appcontext
from pydantic import ValidationError

from demo.loader import load_demo
from survey.officers import accounts as officers
from survey.officers import two_factor
from survey.officers.audit import record_event
from survey.partnerships import PartnershipError, require_partnership
from survey.storage import migrate
from survey.vocabulary import Role
from webapp import create_app
from webapp.cli.actions import actions
from webapp.cli.consultations import consultations, responses
from webapp.cli.partnerships import partnership
from webapp.cli.postcodes import postcodes
from webapp.cli.report import report, sentiment
from webapp.cli.reports import reports
from webapp.cli.results import results
from webapp.cli.retention import retention
from webapp.cli.wards import wards
from webapp.cli.worker import worker
from webapp.database import app_state, unit_of_work
from webapp.server import run_gunicorn


def _create_app() -> Flask:
    try:
        return create_app()
    except ValidationError as error:  # a setting that cannot be used: say which and why, not a traceback
        problems = "; ".join(_setting_problem(problem) for problem in error.errors())
        raise click.ClickException(f"The settings cannot be used: {problems}") from None


def _setting_problem(problem: Any) -> str:
    message = str(problem["msg"]).removeprefix("Value error, ")
    location = [str(part) for part in problem["loc"]]
    if not location or message.startswith("SAFER_VOICES_"):
        return message
    return f"SAFER_VOICES_{'_'.join(location).upper()}: {message}"


cli = FlaskGroup(
    name="safer-voices",
    create_app=_create_app,
    add_default_commands=True,
    load_dotenv=False,
    help="Safer Voices: consultations, place reports and a bot for Community Safety Partnerships.",
)


@cli.group()
def db() -> None:
    """Manage the database."""


@db.command("upgrade")
@with_appcontext
def db_upgrade() -> None:
    """Create or migrate the database to the newest schema."""
    migrate.upgrade(app_state().engine)
    click.echo("Database is up to date.")


@cli.command("demo")
@with_appcontext
def demo() -> None:
    """Load the demo partnership and content, and print a demo officer's sign-in details."""
    migrate.upgrade(app_state().engine)
    with unit_of_work() as session:
        credentials = load_demo(session)
        partnership_name = credentials.partnership.name
    click.echo(f"Demo loaded for {partnership_name}.")
    click.echo("Officer sign-in (a new password is made each time this runs):")
    click.echo(f"  email:    {credentials.email}")
    click.echo(f"  password: {credentials.password}")
    click.echo("The demo officer is an administrator: after the password, set up an authenticator app")
    click.echo("(the page shows a QR code and a key to type). Lost it? "
               f"safer-voices officer reset-2fa {credentials.email}")


@cli.group()
def officer() -> None:
    """Manage officers."""


@officer.command("create")
@click.argument("email")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--partnership", "partnership_slug", required=True, help="The partnership's slug.")
@click.option("--generate-password", is_flag=True, help="Generate a password and print it once.")
@with_appcontext
def officer_create(email: str, role: str, partnership_slug: str, generate_password: bool) -> None:
    """Create an officer. The password is prompted for, or generated and printed once."""
    if generate_password:
        password = officers.generate_password()
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        with unit_of_work() as session:
            owner = require_partnership(session, partnership_slug)
            created = officers.create_officer(
                session, email=email, password=password, role=role, partnership=owner
            )
            click.echo(f"Created {created.role.value} {created.email} in '{owner.slug}'.")
    except (officers.OfficerError, PartnershipError) as error:
        raise click.ClickException(str(error)) from error
    if generate_password:
        click.echo(f"Password (shown once): {password}")


@officer.command("reset-2fa")
@click.argument("email")
@with_appcontext
def officer_reset_two_factor(email: str) -> None:
    """Remove an officer's authenticator app and recovery codes (a lost phone) and sign them out
    everywhere; they set up a new app when they next sign in. Audited."""
    with unit_of_work() as session:
        found = officers.officer_by_email(session, email)
        if found is None:
            wanted = officers.normalise_email(email)
            raise click.ClickException(f"There is no officer with the email {wanted}")
        had_app = two_factor.reset(session, found)
        record_event(session, partnership_id=found.partnership_id, action="two_factor_reset",
                     target_type="officer", target_id=found.id, details={"via": "cli", "had_app": had_app})
    if had_app:
        click.echo(f"Reset two-factor authentication for {found.email}: they set up a new app at their next "
                   "sign-in, and are signed out everywhere.")
    else:
        click.echo(f"{found.email} had no authenticator app set up; they are signed out everywhere.")


@cli.command("serve", with_appcontext=False)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64))
@click.option("--no-worker", is_flag=True,
              help="Do not start the background worker (run `safer-voices worker` apart instead).")
@click.pass_obj
def serve(script_info: ScriptInfo, host: str, port: int, workers: int, no_worker: bool) -> None:
    """Serve the web app with gunicorn (no access log: it would record addresses), and one
    background worker beside it that sends alerts and runs the scheduled jobs."""
    # No application context may be active while serving: Flask would reuse it for every request,
    # and `g` (the signed-in officer, the database session, the CSP nonce) would leak between them.
    run_gunicorn(script_info.load_app(), host=host, port=port, workers=workers,
                 background_worker=not no_worker)


for command in (consultations, responses, report, sentiment, reports, results, partnership, worker):
    cli.add_command(command)
cli.add_command(wards)
cli.add_command(actions)
cli.add_command(retention)
cli.add_command(postcodes)


def _add_entry_point_commands() -> None:
    """Commands from the project's other parts (``safer-voices bot``), found through an entry point so
    that webapp never imports them (the import contract keeps webapp and bot apart)."""
    for entry_point in entry_points(group="safer_voices.commands"):
        cli.add_command(entry_point.load(), entry_point.name)


_add_entry_point_commands()


def main() -> None:
    cli.main(prog_name="safer-voices", args=sys.argv[1:])
