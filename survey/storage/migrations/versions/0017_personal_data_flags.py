"""Personal details flagged in free-text answers: the kinds found when an answer was stored (never the
words) and when an officer reviewed them. Answers stored before this revision are scanned here, once,
as new ones are at submit, so none of them is quoted in an export before an officer has looked.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import survey.storage.types

revision: str = "0017"
down_revision: str | None = "0016"
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

    _flag_stored_answers()


def _flag_stored_answers() -> None:
    # The scan is pure Python (regular expressions, no models), so the revision can use it as it is.
    from survey.responses.personal_data import personal_data_kinds

    answer = sa.table(
        "answer",
        sa.column("id", sa.Integer),
        sa.column("text", sa.Text),
        sa.column("personal_data", sa.String),
    )
    connection = op.get_bind()
    last = 0
    while True:
        rows = connection.execute(
            sa.select(answer.c.id, answer.c.text)
            .where(answer.c.id > last, answer.c.text.is_not(None))
            .order_by(answer.c.id)
            .limit(1000)
        ).all()
        if not rows:
            return
        flagged = [
            {"answer_id": i, "kinds": kinds} for i, text in rows if (kinds := personal_data_kinds(text))
        ]
        if flagged:
            connection.execute(
                answer.update()
                .where(answer.c.id == sa.bindparam("answer_id"))
                .values(personal_data=sa.bindparam("kinds")),
                flagged,
            )
        last = rows[-1][0]


def downgrade() -> None:
    with op.batch_alter_table("answer", schema=None) as batch_op:
        batch_op.drop_column("personal_data_reviewed_at")
        batch_op.drop_column("personal_data")
