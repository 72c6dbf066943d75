"""Chat conversations kept in the database (or Redis) instead of one bot process's memory, so any
number of bot processes can take any update and a conversation survives a restart; and the seed of
each rotation period's chat-key, shared by those processes.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import survey.storage.types

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "conversation_state",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("state", sa.Text(), nullable=False),
        sa.Column("expires_at", survey.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_conversation_state")),
    )
    with op.batch_alter_table("conversation_state", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_conversation_state_expires_at"), ["expires_at"], unique=False)
    op.create_table(
        "conversation_key_seed",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("period", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("seed", sa.String(length=64), nullable=False),
        sa.Column("expires_at", survey.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", "period", name=op.f("pk_conversation_key_seed")),
    )
    with op.batch_alter_table("conversation_key_seed", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_conversation_key_seed_expires_at"), ["expires_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("conversation_key_seed", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conversation_key_seed_expires_at"))
    op.drop_table("conversation_key_seed")
    with op.batch_alter_table("conversation_state", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_conversation_state_expires_at"))
    op.drop_table("conversation_state")
