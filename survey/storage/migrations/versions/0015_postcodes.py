"""Postcodes: the optional offline postcode table loaded from the ONS Postcode Directory, and the
add-a-safe-haven form's submission key (one haven for a double click)

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('postcode',
    sa.Column('postcode', sa.String(length=8), nullable=False),
    sa.Column('outward', sa.String(length=4), nullable=False),
    sa.Column('latitude', sa.Float(), nullable=False),
    sa.Column('longitude', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('postcode', name=op.f('pk_postcode'))
    )
    with op.batch_alter_table('postcode', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_postcode_outward'), ['outward'], unique=False)

    with op.batch_alter_table('safe_haven', schema=None) as batch_op:
        batch_op.add_column(sa.Column('submission_key', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_safe_haven_submission_key'), ['submission_key'])


def downgrade() -> None:
    with op.batch_alter_table('safe_haven', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_safe_haven_submission_key'), type_='unique')
        batch_op.drop_column('submission_key')

    with op.batch_alter_table('postcode', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_postcode_outward'))

    op.drop_table('postcode')
