"""Retention periods per kind of data, and the retention runs

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import survey.storage.types

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('retention_policy',
    sa.Column('partnership_id', sa.Integer(), nullable=False),
    sa.Column('free_text_months', sa.Integer(), nullable=False),
    sa.Column('place_reports_months', sa.Integer(), nullable=False),
    sa.Column('worries_months', sa.Integer(), nullable=False),
    sa.Column('tension_narratives_months', sa.Integer(), nullable=False),
    sa.Column('audit_log_months', sa.Integer(), nullable=False),
    sa.Column('updated_by_officer_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', survey.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnership.id'],
                            name=op.f('fk_retention_policy_partnership_id_partnership')),
    sa.ForeignKeyConstraint(['updated_by_officer_id'], ['officer.id'],
                            name=op.f('fk_retention_policy_updated_by_officer_id_officer'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('partnership_id', name=op.f('pk_retention_policy'))
    )
    op.create_table('retention_run',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partnership_id', sa.Integer(), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('counts', sa.JSON(), nullable=False),
    sa.Column('ran_at', survey.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnership.id'],
                            name=op.f('fk_retention_run_partnership_id_partnership')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_retention_run'))
    )
    with op.batch_alter_table('retention_run', schema=None) as batch_op:
        batch_op.create_index('ix_retention_run_partnership_ran', ['partnership_id', 'ran_at'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('retention_run', schema=None) as batch_op:
        batch_op.drop_index('ix_retention_run_partnership_ran')
    op.drop_table('retention_run')
    op.drop_table('retention_policy')
