"""Fingerprints of imported files (``import_fingerprint``): digests of a file's bytes and of the tool's
own response ids or times, so that importing the same file twice is noticed (issue 19).

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from survey.storage.types import UTCDateTime

revision: str = "0022"
# 0021 is another branch's; the merge points this at it.
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "import_fingerprint",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("file_digest", sa.String(length=64), nullable=False),
        sa.Column("responses_digest", sa.String(length=64), nullable=True),
        sa.Column("tool", sa.String(length=31), nullable=False),
        sa.Column("stored", sa.Integer(), nullable=False),
        sa.Column("imported_at", UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultation.id"],
            name=op.f("fk_import_fingerprint_consultation_id_consultation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_fingerprint")),
    )
    with op.batch_alter_table("import_fingerprint", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_import_fingerprint_consultation_id"), ["consultation_id"])
        batch_op.create_index(batch_op.f("ix_import_fingerprint_file_digest"), ["file_digest"])
        batch_op.create_index(batch_op.f("ix_import_fingerprint_responses_digest"), ["responses_digest"])


def downgrade() -> None:
    op.drop_table("import_fingerprint")
