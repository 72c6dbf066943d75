"""Migration 0014 moves each partnership's local services YAML into rows, and back on a downgrade."""

from __future__ import annotations

import datetime as dt

import yaml
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from demo.services import demo_local_yaml
from survey.signposting.local_services import fields_from_yaml
from survey.storage import migrate
from survey.storage.db import create_database_engine

REVISION = "0014"


def _before() -> str:
    return ScriptDirectory.from_config(migrate.alembic_config()).get_revision(REVISION).down_revision


def test_yaml_services_become_rows_and_come_back_on_downgrade(databases):
    engine = create_database_engine(databases.create())
    try:
        migrate.upgrade(engine, _before())
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO partnership (slug, name, local_services_yaml, created_at) "
                    "VALUES ('demo', 'Demo', :yaml, :now), ('empty', 'Empty', NULL, :now)"
                ),
                {"yaml": demo_local_yaml(), "now": dt.datetime(2026, 12, 1)},
            )
        migrate.upgrade(engine, REVISION)
        assert "local_services_yaml" not in {c["name"] for c in inspect(engine).get_columns("partnership")}
        with engine.connect() as connection:
            stored = connection.execute(
                text(
                    "SELECT p.slug, s.name, s.phone, s.text_message, s.website FROM local_service s "
                    "JOIN partnership p ON p.id = s.partnership_id ORDER BY s.id"
                )
            ).all()
        expected = fields_from_yaml(demo_local_yaml())
        assert [row.name for row in stored] == [fields.name for fields in expected]
        assert {row.slug for row in stored} == {"demo"}
        drugs = next(row for row in stored if row.name.startswith("Step Up"))
        assert (drugs.phone, drugs.text_message, drugs.website) == (
            "01632 960400",
            "STEP to 01632 960401",
            "",
        )

        command.downgrade(migrate.alembic_config(engine), _before())
        with engine.connect() as connection:
            back = dict(connection.execute(text("SELECT slug, local_services_yaml FROM partnership")).all())
        assert back["empty"] is None
        names = [item["name"] for item in yaml.safe_load(back["demo"])["services"]]
        assert names == [fields.name for fields in expected]
        assert fields_from_yaml(back["demo"]) == expected
    finally:
        engine.dispose()
