"""The ``safer-voices`` command: Flask's Click CLI plus the project's own commands.

It starts at once: a command's module is imported only when that command runs (``--help`` reads
the one-line descriptions in :data:`COMMANDS`), and a command that serves no pages runs in the bare
app (settings, database, the worker's queue: :func:`webapp.bare.bare_app`) rather than the whole
site. Only ``serve`` and Flask's ``run``, ``shell`` and ``routes`` build the site.
"""

from __future__ import annotations

import functools
import importlib
import sys
from dataclasses import dataclass
from importlib.metadata import EntryPoint, entry_points
from typing import Any

import click
from flask import Flask
from flask.cli import FlaskGroup, ScriptInfo, with_appcontext

from survey.vocabulary import Role


@dataclass(frozen=True)
class LazyCommand:
    """A command imported only when it runs; ``help`` is its one-line description for ``--help``
    (a test holds it equal to the command's own)."""

    module: str
    attribute: str
    help: str

    def load(self) -> click.Command:
        return getattr(importlib.import_module(self.module), self.attribute)


COMMANDS = {
    "actions": LazyCommand("webapp.cli.actions", "actions",
                           "A partnership's action plan: import, export and the quarterly board update."),
    "consultations": LazyCommand("webapp.cli.consultations", "consultations", "Create, list, open and close "
                                 "consultations; change their questions as YAML; print them on paper."),
    "partnership": LazyCommand("webapp.cli.partnerships", "partnership", "Manage partnerships."),
    "postcodes": LazyCommand("webapp.cli.postcodes", "postcodes", "Load the postcode table, so officers and "
                             "residents can type a postcode instead of using a map."),
    "report": LazyCommand("webapp.cli.report", "report",
                          "Report on CONSULTATION (the slug in its public URL) as json, csv, xlsx, html, pdf "
                          "or docx."),
    "reports": LazyCommand("webapp.cli.reports", "reports",
                           "List place reports, worries and urgent responses, and update their status, "
                           "reply and assignee."),
    "responses": LazyCommand("webapp.cli.consultations", "responses", "Import responses."),
    "results": LazyCommand("webapp.cli.results", "results", "Published results pages."),
    "retention": LazyCommand("webapp.cli.retention", "retention",
                             "Keep data only as long as each partnership's retention policy says."),
    "sentiment": LazyCommand("webapp.cli.report", "sentiment", "Sentiment of free-text answers."),
    "tallies": LazyCommand("webapp.cli.report", "tallies",
                           "Count the tallies that unfiltered reports read again from the answers."),
    "wards": LazyCommand("webapp.cli.wards", "wards", "Load and list a partnership's wards."),
    "worker": LazyCommand("webapp.cli.worker", "worker", "Run the background worker: it sends urgent alerts "
                          "and daily digests and runs the scheduled jobs."),
}
"""The project's commands that live in their own modules, by name."""

SITE_COMMANDS = frozenset({"serve", "run", "shell", "routes"})
"""Commands that need the whole site (its pages, templates and extensions), not just the database."""


@functools.cache
def _entry_point_commands() -> dict[str, EntryPoint]:
    """Commands from the project's other parts (``safer-voices bot``), found through an entry point so
    that webapp never imports them (the import contract keeps webapp and bot apart)."""
    return {entry_point.name: entry_point for entry_point in entry_points(group="safer_voices.commands")}


class SaferVoicesGroup(FlaskGroup):
    """Flask's group, except that listing the commands builds no app and imports no command module."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        self._load_plugin_commands()
        return sorted({*self.commands, *COMMANDS, *_entry_point_commands()})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in COMMANDS:
            return COMMANDS[name].load()
        if name in _entry_point_commands():
            return _entry_point_commands()[name].load()
        return super().get_command(ctx, name)  # Flask's own, a plugin's, or (building the app) the app's

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        names = self.list_commands(ctx)
        limit = formatter.width - 6 - max(map(len, names), default=0)
        rows = []
        for name in names:
            if name in COMMANDS:  # described without importing it
                command: click.Command | None = click.Command(name, help=COMMANDS[name].help)
            else:
                command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _top_command(ctx: click.Context | None) -> str | None:
    """The name of the ``safer-voices`` subcommand being run (``None`` before one is chosen)."""
    while ctx is not None and ctx.parent is not None and ctx.parent.parent is not None:
        ctx = ctx.parent
    return ctx.info_name if ctx is not None and ctx.parent is not None else None


def _create_app() -> Flask:
    from pydantic import ValidationError

    try:
        command = _top_command(click.get_current_context(silent=True))
        if command is None or command in SITE_COMMANDS:
            from webapp import create_app

            return create_app()
        from webapp.bare import bare_app

        return bare_app()
    except ValidationError as error:  # a setting that cannot be used: say which and why, not a traceback
        problems = "; ".join(_setting_problem(problem) for problem in error.errors())
        raise click.ClickException(f"The settings cannot be used: {problems}") from None



def _setting_problem(problem: Any) -> str:
    message = str(problem["msg"]).removeprefix("Value error, ")
    location = [str(part) for part in problem["loc"]]
    if not location or message.startswith("SAFER_VOICES_"):
        return message
    return f"SAFER_VOICES_{'_'.join(location).upper()}: {message}"


cli = SaferVoicesGroup(
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
    from survey.storage import migrate
    from webapp.database import app_state

    engine = app_state().engine
    before = migrate.current(engine)
    migrate.upgrade(engine)
    if not before:
        click.echo("Created the database with the newest schema.")
    elif before == set(migrate.heads()):
        click.echo("The database already has the newest schema: nothing to do.")
    else:
        click.echo("Upgraded the database to the newest schema.")


@cli.command("demo")
@with_appcontext
def demo() -> None:
    """Load the demo partnership and content, and print a demo officer's sign-in details."""
    from demo.loader import load_demo
    from survey.storage import migrate
    from webapp.database import app_state, unit_of_work

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
    from survey.officers import accounts as officers
    from survey.partnerships import PartnershipError, require_partnership
    from webapp.database import unit_of_work

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
    from survey.officers import accounts as officers
    from survey.officers import two_factor
    from survey.officers.audit import record_event
    from webapp.database import unit_of_work

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
    from webapp.server import run_gunicorn

    # No application context may be active while serving: Flask would reuse it for every request,
    # and `g` (the signed-in officer, the database session, the CSP nonce) would leak between them.
    run_gunicorn(script_info.load_app(), host=host, port=port, workers=workers,
                 background_worker=not no_worker)


def main() -> None:
    cli.main(prog_name="safer-voices", args=sys.argv[1:])
