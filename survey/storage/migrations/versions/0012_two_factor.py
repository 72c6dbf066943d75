"""Officers' second factor (TOTP keys and recovery codes) and each partnership's two-factor rule

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import survey.storage.types

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('officer_two_factor',
    sa.Column('officer_id', sa.Integer(), nullable=False),
    sa.Column('secret', sa.String(length=64), nullable=False),
    sa.Column('confirmed_at', survey.storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_time_step', sa.BigInteger(), nullable=True),
    sa.Column('failed_attempts', sa.Integer(), server_default='0', nullable=False),
    sa.Column('created_at', survey.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['officer_id'], ['officer.id'], name=op.f('fk_officer_two_factor_officer_id_officer'),
                            ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('officer_id', name=op.f('pk_officer_two_factor'))
    )
    op.create_table('officer_recovery_code',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('officer_id', sa.Integer(), nullable=False),
    sa.Column('code_hash', sa.String(length=255), nullable=False),
    sa.Column('used_at', survey.storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', survey.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['officer_id'], ['officer.id'],
                            name=op.f('fk_officer_recovery_code_officer_id_officer'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_officer_recovery_code'))
    )
    with op.batch_alter_table('officer_recovery_code', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_officer_recovery_code_officer_id'), ['officer_id'], unique=False)

    op.create_table('partnership_security',
    sa.Column('partnership_id', sa.Integer(), nullable=False),
    sa.Column('all_officers_two_factor', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('updated_at', survey.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnership.id'],
                            name=op.f('fk_partnership_security_partnership_id_partnership')),
    sa.PrimaryKeyConstraint('partnership_id', name=op.f('pk_partnership_security'))
    )


def downgrade() -> None:
    op.drop_table('partnership_security')
    with op.batch_alter_table('officer_recovery_code', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_officer_recovery_code_officer_id'))
    op.drop_table('officer_recovery_code')
    op.drop_table('officer_two_factor')
