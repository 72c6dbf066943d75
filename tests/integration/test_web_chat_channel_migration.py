"""Revision 0021 lets a response be ``chat`` (the website's chat) and gives held words the channel of the
chat they were said in. Nothing stored before it is lost either way: not the responses, not what points
at them (answers, notes), not the held words, which were all said on Telegram."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from sqlalchemy import MetaData, insert, inspect, select
from sqlalchemy.exc import IntegrityError

from survey.storage import migrate
from survey.storage.db import create_database_engine

REVISION, BEFORE = "0021", "0020"
NOW = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)


def response(response_id: int, channel: str) -> dict:
    return {"id": response_id, "partnership_id": 1, "consultation_id": 1, "channel": channel,
            "reference": f"AAAA-BBBB-C{response_id}", "urgent": False, "submitted_at": NOW, "status": "new"}


def tables_of(engine) -> dict:
    found = MetaData()
    found.reflect(engine)
    return found.tables


def store_before(engine) -> None:
    tables = tables_of(engine)
    rows = {
        "partnership": [{"id": 1, "slug": "old", "name": "Old CSP", "created_at": NOW}],
        "definition": [{"id": 1, "partnership_id": 1, "key": "worries", "kind": "worry", "source": "id: w",
                        "created_at": NOW}],
        "consultation": [{"id": 1, "partnership_id": 1, "definition_id": 1, "slug": "worries",
                          "title": "Worries", "kind": "worry", "status": "open", "created_at": NOW}],
        "response": [response(1, "bot"), response(2, "web")],
        "answer": [{"id": 1, "response_id": 1, "consultation_id": 1, "question_id": "details",
                    "text": "words", "urgent": False}],
        "report_note": [{"id": 1, "response_id": 1, "text": "a note", "created_at": NOW}],
        "held_urgent_message": [{"id": 1, "partnership_id": 1, "consultation_id": 1, "conversation_key": "k",
                                 "text": "held words", "due_at": NOW, "created_at": NOW}],
    }
    with engine.begin() as connection:
        for table, values in rows.items():
            connection.execute(insert(tables[table]), values)


def kept(engine) -> dict:
    tables = tables_of(engine)
    with engine.connect() as connection:
        return {
            "responses": dict(connection.execute(select(tables["response"].c["id", "channel"])).all()),
            "answers": connection.execute(select(tables["answer"].c.text)).scalars().all(),
            "notes": connection.execute(select(tables["report_note"].c.text)).scalars().all(),
            "held": connection.execute(select(tables["held_urgent_message"].c.text)).scalars().all(),
        }


def add_response(engine, response_id: int, channel: str) -> None:
    table = tables_of(engine)["response"]
    with engine.begin() as connection:
        connection.execute(insert(table), response(response_id, channel))


@pytest.fixture
def engine(databases):
    engine = create_database_engine(databases.create())
    yield engine
    engine.dispose()


def test_upgrade_and_downgrade_keep_every_row(engine):
    migrate.upgrade(engine, BEFORE)
    store_before(engine)
    before = kept(engine)
    with pytest.raises(IntegrityError):
        add_response(engine, 3, "chat")

    migrate.upgrade(engine, REVISION)
    assert kept(engine) == before
    held = tables_of(engine)["held_urgent_message"]
    with engine.connect() as connection:
        assert connection.execute(select(held.c.channel)).scalars().all() == ["bot"]
    add_response(engine, 3, "chat")
    with pytest.raises(IntegrityError):  # the check is still there, with one more value
        add_response(engine, 4, "letter")

    command.downgrade(migrate.alembic_config(engine), BEFORE)
    after = kept(engine)
    assert after.pop("responses") == {**before["responses"], 3: "bot"}  # the chat nearest it then
    assert after == {key: value for key, value in before.items() if key != "responses"}
    assert "channel" not in {column["name"] for column in inspect(engine).get_columns("held_urgent_message")}
    with pytest.raises(IntegrityError):
        add_response(engine, 5, "chat")
