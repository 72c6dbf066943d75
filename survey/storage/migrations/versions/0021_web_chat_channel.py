"""The website's chat (issue 18) as a channel of its own: a response may be ``chat``, and words of danger
held from a chat know which chat they were said in (``held_urgent_message.channel``), so the worry
they become is recorded with it. Words held before this revision were all said on Telegram (``bot``).

A response's channel is checked by a named CHECK constraint. PostgreSQL drops and adds it. SQLite can
only change a constraint by copying the table, and copying ``response`` is not safe here: dropping the
old copy while foreign keys are enforced (as they are, inside the migration's transaction, where
``PRAGMA foreign_keys`` cannot be turned off) deletes every answer and note of every response through
their ON DELETE CASCADE. So on SQLite the constraint's text is changed where the schema is kept, as
SQLite documents for a change that leaves the stored rows as they are ("Making Other Kinds Of Table
Schema Changes", https://www.sqlite.org/lang_altertable.html): allowing one more value leaves every
stored row valid, and the downgrade first records web-chat responses as ``bot`` (the chat nearest to
them before this revision), so that every row is valid before the check is narrowed again.
``held_urgent_message`` is copied as usual: no other table points at it.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-05
"""

import re
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BEFORE = ("web", "paper", "import", "bot")
AFTER = (*BEFORE, "chat")
CONSTRAINT = "ck_response_channel"


def upgrade() -> None:
    _check_response_channel(AFTER)
    with op.batch_alter_table("held_urgent_message", schema=None) as batch_op:
        batch_op.add_column(sa.Column("channel", _channel_type(AFTER), server_default="bot", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("held_urgent_message", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_held_urgent_message_channel"), type_="check")
        batch_op.drop_column("channel")
    response = sa.table("response", sa.column("channel", sa.String))
    op.execute(response.update().where(response.c.channel == "chat").values(channel="bot"))
    _check_response_channel(BEFORE)


def _channel_type(values: Sequence[str]) -> sa.Enum:
    return sa.Enum(*values, name="channel", native_enum=False, create_constraint=True, length=6)


def _check_condition(values: Sequence[str]) -> str:
    return "channel IN ({})".format(", ".join(f"'{value}'" for value in values))


def _check_response_channel(values: Sequence[str]) -> None:
    """Let ``response.channel`` hold exactly ``values``."""
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(op.f(CONSTRAINT), "response", type_="check")
        op.create_check_constraint(op.f(CONSTRAINT), "response", _check_condition(values))
        return
    connection = op.get_bind()
    schema = sa.text("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'response'")
    old = connection.execute(schema).scalar_one()
    # The constraint as SQLAlchemy writes it: CONSTRAINT ck_response_channel CHECK (channel IN (...)).
    pattern = rf'CONSTRAINT\s+"?{CONSTRAINT}"?\s+CHECK\s*\(\s*channel\s+IN\s*\([^()]*\)\s*\)'
    new, found = re.subn(pattern, f"CONSTRAINT {CONSTRAINT} CHECK ({_check_condition(values)})", old)
    if found != 1:
        raise RuntimeError(f"Expected one {CONSTRAINT} in the response table's schema, found {found}")
    version = connection.exec_driver_sql("PRAGMA schema_version").scalar_one()
    connection.exec_driver_sql("PRAGMA writable_schema = ON")
    try:
        connection.execute(
            sa.text("UPDATE sqlite_master SET sql = :new WHERE type = 'table' AND name = 'response'"),
            {"new": new},
        )
        # Every connection (this one too) reads the schema again before its next statement.
        connection.exec_driver_sql(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        connection.exec_driver_sql("PRAGMA writable_schema = OFF")
