"""Revision 0020 gives every pin stored before it its response's chosen options, as new pins get them
when stored, so old reports count in the hotspot breakdown without the slower read."""

from __future__ import annotations

import datetime as dt

from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, insert, select

from survey.storage import migrate
from survey.storage.db import create_database_engine
from survey.wards.pin_options import SEPARATOR

NOW = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)


def before_0020() -> str:
    revision = ScriptDirectory.from_config(migrate.alembic_config()).get_revision("0020")
    return str(revision.down_revision)


def answer(answer_id: int, response_id: int, question_id: str, **values) -> dict:
    empty = dict.fromkeys(["option", "rank", "text", "latitude", "longitude"])
    return {
        "id": answer_id,
        "response_id": response_id,
        "consultation_id": 1,
        "question_id": question_id,
        "urgent": False,
        **empty,
        **values,
    }


def test_pins_stored_before_the_revision_get_their_responses_options(databases):
    engine = create_database_engine(databases.create())
    try:
        migrate.upgrade(engine, before_0020())
        tables = MetaData()
        tables.reflect(engine)
        with engine.begin() as connection:
            rows = {
                "partnership": [{"id": 1, "slug": "old", "name": "Old CSP", "created_at": NOW}],
                "definition": [
                    {
                        "id": 1,
                        "partnership_id": 1,
                        "key": "places",
                        "kind": "place_report",
                        "source": "id: places",
                        "created_at": NOW,
                    }
                ],
                "consultation": [
                    {
                        "id": 1,
                        "partnership_id": 1,
                        "definition_id": 1,
                        "slug": "old-places",
                        "title": "Old",
                        "kind": "place_report",
                        "status": "closed",
                        "created_at": NOW,
                    }
                ],
                "response": [
                    {
                        "id": rid,
                        "partnership_id": 1,
                        "consultation_id": 1,
                        "channel": "web",
                        "reference": f"AAAA-BBBB-C{rid}",
                        "urgent": False,
                        "submitted_at": NOW,
                        "status": "new",
                    }
                    for rid in (1, 2, 3)
                ],
                "answer": [
                    answer(1, 1, "feeling", option="unsafe"),
                    answer(2, 1, "place", latitude=51.5, longitude=-0.12),
                    answer(3, 1, "reasons", option="poor_lighting"),
                    answer(4, 1, "reasons", option="isolated"),
                    answer(5, 1, "details", text="dark"),
                    answer(6, 2, "place", latitude=51.6, longitude=-0.11),  # chose no option
                    answer(7, 3, "place", option="northgate"),  # named without the map: no pin
                    answer(8, 3, "feeling", option="safe"),
                ],
            }
            for table, values in rows.items():
                connection.execute(insert(tables.tables[table]), values)

        migrate.upgrade(engine)

        reflected = MetaData()
        reflected.reflect(engine, only=["answer"])
        table = reflected.tables["answer"]
        with engine.connect() as connection:
            kept = dict(connection.execute(select(table.c.id, table.c.response_options)).all())
        assert sorted(kept.pop(2).split(SEPARATOR)) == [
            "feeling=unsafe",
            "reasons=isolated",
            "reasons=poor_lighting",
        ]
        assert kept.pop(6) == ""
        assert set(kept.values()) == {None}
    finally:
        engine.dispose()
