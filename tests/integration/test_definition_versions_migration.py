"""Migration 0016: existing definitions become version 1 of their consultation, and existing responses
answered it."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import text

from survey.storage import migrate
from survey.storage.db import create_database_engine

REVISION = "0016"


def test_existing_definitions_and_responses_are_given_their_version(databases):
    engine = create_database_engine(databases.create())
    now = {"now": dt.datetime(2026, 12, 1)}
    try:
        migrate.upgrade(engine, "0015")
        with engine.begin() as connection:
            connection.execute(
                text("INSERT INTO partnership (id, slug, name, created_at) VALUES (1, 'n', 'N', :now)"), now
            )
            connection.execute(
                text(
                    "INSERT INTO definition (id, partnership_id, key, kind, source, created_at) "
                    "VALUES (7, 1, 'k', 'consultation', 'id: k', :now), "
                    "(8, 1, 'unused', 'worry', 'id: u', :now)"
                ),
                now,
            )
            connection.execute(
                text(
                    "INSERT INTO consultation "
                    "(id, partnership_id, definition_id, slug, title, kind, status, created_at) "
                    "VALUES (3, 1, 7, 'annual', 'Annual', 'consultation', 'open', :now)"
                ),
                now,
            )
            connection.execute(
                text(
                    "INSERT INTO response (partnership_id, consultation_id, channel, reference, urgent, "
                    "submitted_at, status) VALUES (1, 3, 'web', 'AAAA-BBBB-CC', false, :now, 'new')"
                ),
                now,
            )
        migrate.upgrade(engine, REVISION)
        with engine.connect() as connection:
            definitions = connection.execute(
                text("SELECT id, consultation_id, version FROM definition ORDER BY id")
            ).all()
            answered = connection.execute(text("SELECT definition_id FROM response")).scalar_one()
        assert [tuple(row) for row in definitions] == [(7, 3, 1), (8, None, 1)]
        assert answered == 7
    finally:
        engine.dispose()
