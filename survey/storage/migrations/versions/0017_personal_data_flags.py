"""Personal details flagged in free-text answers: the kinds found when an answer was stored (never the
words) and when an officer reviewed them

Revision ID: 0017
Revises: 0015
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import survey.storage.types

revision: str = "0017"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("answer", schema=None) as batch_op:
        batch_op.add_column(sa.Column("personal_data", sa.String(length=100), nullable=True))
        batch_op.add_column(
            sa.Column(
                "personal_data_reviewed_at", survey.storage.types.UTCDateTime(timezone=True), nullable=True
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("answer", schema=None) as batch_op:
        batch_op.drop_column("personal_data_reviewed_at")
        batch_op.drop_column("personal_data")
