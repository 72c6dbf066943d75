"""Revision 0017 scans the answers stored before it, once, as new ones are scanned at submit: an old
answer with a phone number in it is flagged, and quoted in no export until an officer has looked."""

from __future__ import annotations

import datetime as dt

from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, insert, select

from survey.storage import migrate
from survey.storage.db import create_database_engine

NOW = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)


def before_0017() -> str:
    revision = ScriptDirectory.from_config(migrate.alembic_config()).get_revision("0017")
    return str(revision.down_revision)


def test_answers_stored_before_the_revision_are_flagged_by_kind(databases):
    engine = create_database_engine(databases.create())
    try:
        migrate.upgrade(engine, before_0017())
        tables = MetaData()
        tables.reflect(engine)
        with engine.begin() as connection:
            rows = {
                "partnership": {"id": 1, "slug": "old", "name": "Old CSP", "created_at": NOW},
                "definition": {
                    "id": 1,
                    "partnership_id": 1,
                    "key": "survey",
                    "kind": "consultation",
                    "source": "id: survey",
                    "created_at": NOW,
                },
                "consultation": {
                    "id": 1,
                    "partnership_id": 1,
                    "definition_id": 1,
                    "slug": "old-survey",
                    "title": "Old",
                    "kind": "consultation",
                    "status": "closed",
                    "created_at": NOW,
                },
                "response": {
                    "id": 1,
                    "partnership_id": 1,
                    "consultation_id": 1,
                    "channel": "web",
                    "reference": "AAAA-BBBB-CC",
                    "urgent": False,
                    "submitted_at": NOW,
                    "status": "new",
                },
            }
            for table, values in rows.items():
                connection.execute(insert(tables.tables[table]), [values])
            connection.execute(
                insert(tables.tables["answer"]),
                [
                    {
                        "id": 1,
                        "response_id": 1,
                        "consultation_id": 1,
                        "question_id": "q",
                        "text": "ring 07700 900123",
                        "urgent": False,
                    },
                    {
                        "id": 2,
                        "response_id": 1,
                        "consultation_id": 1,
                        "question_id": "r",
                        "text": "more lights",
                        "urgent": False,
                    },
                    {
                        "id": 3,
                        "response_id": 1,
                        "consultation_id": 1,
                        "question_id": "s",
                        "option": "yes",
                        "text": None,
                        "urgent": False,
                    },
                ],
            )

        migrate.upgrade(engine)

        answer = MetaData()
        answer.reflect(engine, only=["answer"])
        with engine.connect() as connection:
            flags = connection.execute(
                select(answer.tables["answer"].c.id, answer.tables["answer"].c.personal_data).order_by("id")
            ).all()
        assert [tuple(row) for row in flags] == [(1, "phone"), (2, None), (3, None)]
    finally:
        engine.dispose()
