"""Versions of a consultation's definition: each stored definition knows its consultation, its
version number, who made it and what changed, and each response knows which version it answered;
the create-a-consultation form's one-off key (one consultation for a double click)

Existing definitions become version 1 of the consultation that runs them, and existing responses
are said to have answered their consultation's current definition (the only one there was).

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

_definition = sa.table("definition", sa.column("id", sa.Integer), sa.column("consultation_id", sa.Integer))
_consultation = sa.table("consultation", sa.column("id", sa.Integer), sa.column("definition_id", sa.Integer))
_response = sa.table(
    "response",
    sa.column("id", sa.Integer),
    sa.column("consultation_id", sa.Integer),
    sa.column("definition_id", sa.Integer),
)


def upgrade() -> None:
    with op.batch_alter_table("definition", schema=None) as batch_op:
        batch_op.add_column(sa.Column("consultation_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("version", sa.Integer(), server_default="1", nullable=False))
        batch_op.add_column(sa.Column("created_by_officer_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("change_summary", sa.Text(), nullable=True))
        batch_op.create_index(batch_op.f("ix_definition_consultation_id"), ["consultation_id"], unique=False)
        batch_op.create_unique_constraint(
            batch_op.f("uq_definition_consultation_id"), ["consultation_id", "version"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_definition_consultation_id_consultation"),
            "consultation",
            ["consultation_id"],
            ["id"],
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_definition_created_by_officer_id_officer"),
            "officer",
            ["created_by_officer_id"],
            ["id"],
            ondelete="SET NULL",
        )
    with op.batch_alter_table("consultation", schema=None) as batch_op:
        batch_op.add_column(sa.Column("submission_key", sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_consultation_submission_key"), ["submission_key"])
    with op.batch_alter_table("response", schema=None) as batch_op:
        batch_op.add_column(sa.Column("definition_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_response_definition_id_definition"), "definition", ["definition_id"], ["id"]
        )

    current = (
        sa.select(_consultation.c.id)
        .where(_consultation.c.definition_id == _definition.c.id)
        .scalar_subquery()
    )
    op.execute(_definition.update().values(consultation_id=current))
    answered = (
        sa.select(_consultation.c.definition_id)
        .where(_consultation.c.id == _response.c.consultation_id)
        .scalar_subquery()
    )
    op.execute(_response.update().values(definition_id=answered))


def downgrade() -> None:
    with op.batch_alter_table("response", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_response_definition_id_definition"), type_="foreignkey")
        batch_op.drop_column("definition_id")
    with op.batch_alter_table("consultation", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_consultation_submission_key"), type_="unique")
        batch_op.drop_column("submission_key")
    with op.batch_alter_table("definition", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_definition_created_by_officer_id_officer"), type_="foreignkey"
        )
        batch_op.drop_constraint(batch_op.f("fk_definition_consultation_id_consultation"), type_="foreignkey")
        batch_op.drop_constraint(batch_op.f("uq_definition_consultation_id"), type_="unique")
        batch_op.drop_index(batch_op.f("ix_definition_consultation_id"))
        batch_op.drop_column("change_summary")
        batch_op.drop_column("created_by_officer_id")
        batch_op.drop_column("version")
        batch_op.drop_column("consultation_id")
