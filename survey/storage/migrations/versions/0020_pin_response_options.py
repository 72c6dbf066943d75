"""Every option a response chose, kept on its pins (``answer.response_options``), so the hotspot
breakdown by reason, time band and age band is one pass over the pins instead of a join of every
answer of every pinned response (issue 17). Pins stored before this revision are filled here, once,
as new ones are when they are stored (survey.wards.pin_options).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("answer", schema=None) as batch_op:
        batch_op.add_column(sa.Column("response_options", sa.Text(), nullable=True))

    answer = sa.table(
        "answer",
        sa.column("response_id", sa.Integer),
        sa.column("question_id", sa.String),
        sa.column("option", sa.String),
        sa.column("latitude", sa.Float),
        sa.column("longitude", sa.Float),
        sa.column("response_options", sa.Text),
    )
    other = answer.alias("other")
    chosen = (
        sa.select(sa.func.aggregate_strings(other.c.question_id + "=" + other.c.option, "\n"))
        .where(other.c.response_id == answer.c.response_id, other.c.option.is_not(None))
        .scalar_subquery()
    )
    op.execute(
        answer.update()
        .where(answer.c.latitude.is_not(None), answer.c.longitude.is_not(None))
        .values(response_options=sa.func.coalesce(chosen, ""))
    )


def downgrade() -> None:
    with op.batch_alter_table("answer", schema=None) as batch_op:
        batch_op.drop_column("response_options")
