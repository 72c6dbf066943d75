"""The language each response was given in (``response.language``, issue 20): options are stored by value
whatever language they were shown in, and free text is kept with the language it was written in, so
answers stay comparable and reports count responses by language. Every earlier response was English.

A plain ``ADD COLUMN`` with a constant default: on SQLite it copies no table (a batch copy of
``response`` would cascade deletes of its answers, see 0021).

Revision ID: 0024
Revises: 0022
Create Date: 2026-12-04
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("response", sa.Column("language", sa.String(length=8), nullable=False, server_default="en"))


def downgrade() -> None:
    # A plain DROP COLUMN (SQLite 3.35+), never a batch copy: copying ``response`` would cascade deletes
    # of its answers, and would turn the inline references of 0016 into constraints it cannot drop.
    op.drop_column("response", "language")
