"""Kept tallies: per consultation, question, option and rank, the counts and sums an unfiltered report
reads (``survey.tallies``), as deltas written with each change and the totals, in all and per day,
they are folded into; and two indexes for the lowest and highest numbers and dates. The totals of the answers stored before
this revision are counted here, once.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_COUNTS = (
    "parts",
    "respondents",
    "responses",
    "number_n",
    "pins",
    "described",
    "scored",
    "positive",
    "negative",
    "polarity_n",
    "subjectivity_n",
)
_SUMS = ("number_sum", "compound_sum", "polarity_sum", "subjectivity_sum")


def _measured(table: str, *key: sa.Column, primary_key: Sequence[str]) -> None:
    op.create_table(
        table,
        *key,
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("question_id", sa.String(length=63), nullable=False),
        sa.Column("option", sa.String(length=63), nullable=False),
        sa.Column("rank", sa.SmallInteger(), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in _COUNTS),
        *(sa.Column(name, sa.Float(), nullable=False) for name in _SUMS),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultation.id"],
            name=op.f(f"fk_{table}_consultation_id_consultation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(*primary_key, name=op.f(f"pk_{table}")),
    )


def upgrade() -> None:
    key = ("consultation_id", "question_id", "option", "rank")
    _measured(
        "tally_delta",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        primary_key=["id"],
    )
    op.create_index("ix_tally_delta_consultation", "tally_delta", ["consultation_id"], unique=False)
    _measured("tally_total", primary_key=key)
    _measured(
        "tally_day",
        sa.Column("day", sa.Date(), nullable=False),
        primary_key=["consultation_id", "day", *key[1:]],
    )
    for name, column in (("ix_answer_number", "number"), ("ix_answer_date", "date")):
        where = sa.text(f"{column} IS NOT NULL")
        op.create_index(
            name,
            "answer",
            ["consultation_id", "question_id", column],
            unique=False,
            postgresql_where=where,
            sqlite_where=where,
        )
    # The recount is plain SQL over the answers (no models loaded into a session).
    from survey.tallies.rebuild import rebuild_tallies

    rebuild_tallies(op.get_bind())


def downgrade() -> None:
    op.drop_index("ix_answer_date", table_name="answer")
    op.drop_index("ix_answer_number", table_name="answer")
    op.drop_table("tally_day")
    op.drop_table("tally_total")
    op.drop_index("ix_tally_delta_consultation", table_name="tally_delta")
    op.drop_table("tally_delta")
