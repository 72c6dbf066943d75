"""Wards: a partnership's ward boundaries, and the ward of each location answer

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import survey.storage.types

revision: str = '0008'
down_revision: str | None = '0007'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('ward',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partnership_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('geometry_geojson', sa.Text(), nullable=False),
    sa.Column('min_longitude', sa.Float(), nullable=False),
    sa.Column('min_latitude', sa.Float(), nullable=False),
    sa.Column('max_longitude', sa.Float(), nullable=False),
    sa.Column('max_latitude', sa.Float(), nullable=False),
    sa.Column('created_at', survey.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnership.id'],
                            name=op.f('fk_ward_partnership_id_partnership')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ward')),
    sa.UniqueConstraint('partnership_id', 'code', name=op.f('uq_ward_partnership_id'))
    )
    with op.batch_alter_table('ward', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ward_partnership_id'), ['partnership_id'], unique=False)

    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ward_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_answer_ward_id'), ['ward_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_answer_ward_id_ward'), 'ward', ['ward_id'], ['id'],
                                    ondelete='SET NULL')


def downgrade() -> None:
    with op.batch_alter_table('answer', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_answer_ward_id_ward'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_answer_ward_id'))
        batch_op.drop_column('ward_id')

    with op.batch_alter_table('ward', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ward_partnership_id'))

    op.drop_table('ward')
