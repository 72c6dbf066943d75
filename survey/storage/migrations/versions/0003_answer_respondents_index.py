"""Index answers by consultation, question and response: a question's base is an index-only scan

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_answer_respondents", "answer", ["consultation_id", "question_id", "response_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_answer_respondents", table_name="answer")
