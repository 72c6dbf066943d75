"""The command line starts at once: listing commands imports no command module and builds no site,
and a command that serves no pages runs in the bare app. (How fast is measured in ``bench/cli_start.py``,
never here; these tests hold the shape that makes it fast.)"""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest

from webapp.cli import cli
from webapp.cli.group import COMMANDS, SITE_COMMANDS

CLI_FOLDER = Path(importlib.import_module("webapp.cli").__file__).parent
CLI_MODULES = sorted(
    f"webapp.cli.{path.stem}" for path in CLI_FOLDER.glob("*.py") if path.stem not in {"__init__", "group"}
)
HEAVY = ("webapp.officer", "webapp.consult", "survey.responses", "survey.safeguarding", "analysis",
         "matplotlib", "reportlab", "openpyxl", "docx", "telegram", "textblob", "huey", "alembic", "bot.app")


def _modules_loaded_by(args: list[str], tmp_path: Path) -> tuple[int, list[str], str]:
    """Run ``safer-voices ARGS`` in a fresh interpreter; its exit code, the heavy modules it imported
    and what it printed."""
    script = (
        "import json, sys\n"
        "from webapp.cli import main\n"
        f"sys.argv = ['safer-voices', *{args!r}]\n"
        "code = 0\n"
        "try:\n    main()\n"
        "except SystemExit as exit:\n    code = exit.code or 0\n"
        f"heavy = sorted(m for m in sys.modules if m.startswith({HEAVY!r}))\n"
        "print('MODULES=' + json.dumps([code, heavy]))\n"
    )
    environment = {**os.environ, "SAFER_VOICES_INSTANCE_PATH": str(tmp_path / "instance"),
                   "SAFER_VOICES_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=environment,
                          timeout=120, check=False)
    line = next(line for line in done.stdout.splitlines() if line.startswith("MODULES="))
    code, heavy = json.loads(line.removeprefix("MODULES="))
    return code, heavy, done.stdout + done.stderr


class TestListingCommands:
    def test_help_lists_every_command_without_importing_them_or_building_the_site(self, tmp_path):
        code, heavy, output = _modules_loaded_by(["--help"], tmp_path)
        assert code == 0, output
        assert heavy == []
        for name in [*COMMANDS, "bot", "db", "demo", "officer", "serve"]:
            assert f"\n  {name} " in output

    def test_each_listed_description_is_the_commands_own(self):
        ctx = click.Context(cli, info_name="safer-voices")
        for name, lazy in COMMANDS.items():
            command = cli.get_command(ctx, name)
            assert command is not None and command.get_short_help_str(500) == lazy.help, name

    def test_every_top_level_command_in_the_cli_modules_is_listed(self):
        defined, nested = set(), set()
        for name in CLI_MODULES:
            for value in vars(importlib.import_module(name)).values():
                if isinstance(value, click.Command):
                    defined.add(value)
                    if isinstance(value, click.Group):
                        nested.update(value.commands.values())
        listed = {lazy.load() for lazy in COMMANDS.values()}
        assert defined - nested == listed


class TestWhichAppACommandGets:
    def test_a_command_that_serves_no_pages_runs_in_the_bare_app(self, tmp_path):
        code, heavy, output = _modules_loaded_by(["db", "upgrade"], tmp_path)
        assert code == 0, output
        assert "Created the database with the newest schema." in output
        assert not [module for module in heavy if module.startswith(("webapp.officer", "webapp.consult"))]
        code, heavy, output = _modules_loaded_by(["db", "upgrade"], tmp_path)
        assert code == 0 and "The database already has the newest schema: nothing to do." in output, output
        code, heavy, output = _modules_loaded_by(["partnership", "create", "north", "North CSP"], tmp_path)
        assert code == 0 and "north" in output, output

    @pytest.mark.parametrize("command", sorted(SITE_COMMANDS - {"serve", "run", "shell"}))
    def test_a_command_that_needs_the_site_gets_it(self, tmp_path, command):
        code, heavy, output = _modules_loaded_by([command], tmp_path)
        assert code == 0, output
        assert "/officer/consultations/" in output  # the routes of the whole site
        assert any(module.startswith("webapp.officer") for module in heavy)


@pytest.fixture(scope="module")
def prepared_folder(tmp_path_factory):
    """A database at the newest schema with one partnership, made by the command line itself."""
    folder = tmp_path_factory.mktemp("cli-bare")
    for args in (["db", "upgrade"], ["partnership", "create", "north", "North CSP"]):
        code, _heavy, output = _modules_loaded_by(args, folder)
        assert code == 0, output
    return folder


@pytest.mark.parametrize("args", [
    ["consultations", "list"], ["reports", "list"], ["postcodes", "count"], ["wards", "list", "north"],
    ["retention", "run", "--dry-run"], ["partnership", "alerts", "north"],
], ids=" ".join)
def test_commands_that_read_the_database_work_in_the_bare_app(prepared_folder, args):
    code, heavy, output = _modules_loaded_by(args, prepared_folder)
    assert code == 0, output
    assert not [module for module in heavy if module.startswith(("webapp.officer", "webapp.consult"))]
