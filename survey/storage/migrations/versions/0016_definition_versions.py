"""Versions of a consultation's definition: each stored definition knows its consultation, its
version number, who made it and what changed, and each response knows which version it answered;
the create-a-consultation form's one-off key (one consultation for a double click)

Existing definitions become version 1 of the consultation that runs them, and existing responses
are said to have answered their consultation's current definition (the only one there was).

SQLite can add a constraint only by copying the table, and copying a table that other rows point at
(every consultation points at its definition, every answer at its response) fails while foreign keys
are enforced. So on SQLite each reference is written inline with its new column, and uniqueness is a
unique index on both backends: no table is copied.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (table, column, referred table): the new columns that point at another table. None has an ON DELETE
# rule: SQLite cannot reflect one written inline, and officers, definitions and consultations are
# never deleted.
_REFERENCES = (
    ("definition", "consultation_id", "consultation"),
    ("definition", "created_by_officer_id", "officer"),
    ("response", "definition_id", "definition"),
)

_definition = sa.table("definition", sa.column("id", sa.Integer), sa.column("consultation_id", sa.Integer))
_consultation = sa.table("consultation", sa.column("id", sa.Integer), sa.column("definition_id", sa.Integer))
_response = sa.table(
    "response",
    sa.column("id", sa.Integer),
    sa.column("consultation_id", sa.Integer),
    sa.column("definition_id", sa.Integer),
)


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, column, referred in _REFERENCES:
        if sqlite:
            op.execute(f"ALTER TABLE {table} ADD COLUMN {column} INTEGER REFERENCES {referred} (id)")
        else:
            op.add_column(table, sa.Column(column, sa.Integer(), nullable=True))
            op.create_foreign_key(op.f(f"fk_{table}_{column}_{referred}"), table, referred, [column], ["id"])
    op.add_column("definition", sa.Column("version", sa.Integer(), server_default="1", nullable=False))
    op.add_column("definition", sa.Column("change_summary", sa.Text(), nullable=True))
    op.create_index(
        op.f("ix_definition_consultation_version"), "definition", ["consultation_id", "version"], unique=True
    )
    op.add_column("consultation", sa.Column("submission_key", sa.String(length=64), nullable=True))
    op.create_index(op.f("ix_consultation_submission_key"), "consultation", ["submission_key"], unique=True)

    current = (
        sa.select(_consultation.c.id).where(_consultation.c.definition_id == _definition.c.id).scalar_subquery()
    )
    op.execute(_definition.update().values(consultation_id=current))
    answered = (
        sa.select(_consultation.c.definition_id)
        .where(_consultation.c.id == _response.c.consultation_id)
        .scalar_subquery()
    )
    op.execute(_response.update().values(definition_id=answered))


def downgrade() -> None:
    op.drop_index(op.f("ix_consultation_submission_key"), table_name="consultation")
    op.drop_index(op.f("ix_definition_consultation_version"), table_name="definition")
    sqlite = op.get_bind().dialect.name == "sqlite"
    for table, column, referred in _REFERENCES:
        if not sqlite:  # SQLite drops a column's inline reference with the column
            op.drop_constraint(op.f(f"fk_{table}_{column}_{referred}"), table, type_="foreignkey")
        op.drop_column(table, column)
    op.drop_column("consultation", "submission_key")
    op.drop_column("definition", "change_summary")
    op.drop_column("definition", "version")
