"""Community tension entries and events of risk

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import survey.storage.types

revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('tension_entry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partnership_id', sa.Integer(), nullable=False),
    sa.Column('entry_date', sa.Date(), nullable=False),
    sa.Column('ward_id', sa.Integer(), nullable=True),
    sa.Column('category', sa.Enum('hate_incidents', 'protest', 'group_conflict', 'anti_social_behaviour',
                                  'serious_violence', 'online_rumour', 'other', name='tension_category',
                                  native_enum=False, create_constraint=True, length=21), nullable=False),
    sa.Column('level', sa.Enum('low', 'medium', 'high', 'critical', name='tension_level', native_enum=False,
                               create_constraint=True, length=8), nullable=False),
    sa.Column('source', sa.String(length=200), nullable=False),
    sa.Column('narrative', sa.Text(), nullable=False),
    sa.Column('review_on', sa.Date(), nullable=True),
    sa.Column('status', sa.Enum('open', 'closed', name='tension_status', native_enum=False,
                                create_constraint=True, length=6), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('created_by_officer_id', sa.Integer(), nullable=True),
    sa.Column('submission_key', sa.String(length=64), nullable=True),
    sa.Column('created_at', survey.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', survey.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_officer_id'], ['officer.id'],
                            name=op.f('fk_tension_entry_created_by_officer_id_officer'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnership.id'],
                            name=op.f('fk_tension_entry_partnership_id_partnership')),
    sa.ForeignKeyConstraint(['ward_id'], ['ward.id'], name=op.f('fk_tension_entry_ward_id_ward'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_tension_entry')),
    sa.UniqueConstraint('submission_key', name=op.f('uq_tension_entry_submission_key'))
    )
    with op.batch_alter_table('tension_entry', schema=None) as batch_op:
        batch_op.create_index('ix_tension_entry_partnership_date', ['partnership_id', 'entry_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_tension_entry_ward_id'), ['ward_id'], unique=False)

    op.create_table('risk_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partnership_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('event_type', sa.Enum('halloween_bonfire', 'school_holidays', 'exam_results', 'football',
                                    'festival', 'protest', 'other', name='risk_event_type', native_enum=False,
                                    create_constraint=True, length=17), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=200), nullable=True),
    sa.Column('ward_id', sa.Integer(), nullable=True),
    sa.Column('expected_attendance', sa.Integer(), nullable=True),
    sa.Column('risk_rating', sa.Enum('low', 'medium', 'high', name='risk_rating', native_enum=False,
                                     create_constraint=True, length=6), nullable=False),
    sa.Column('mitigations', sa.Text(), nullable=False),
    sa.Column('owner', sa.String(length=200), nullable=False),
    sa.Column('status', sa.Enum('planned', 'active', 'done', 'cancelled', name='risk_event_status',
                                native_enum=False, create_constraint=True, length=9), nullable=False),
    sa.Column('debrief', sa.Text(), nullable=True),
    sa.Column('created_by_officer_id', sa.Integer(), nullable=True),
    sa.Column('submission_key', sa.String(length=64), nullable=True),
    sa.Column('created_at', survey.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', survey.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_officer_id'], ['officer.id'],
                            name=op.f('fk_risk_event_created_by_officer_id_officer'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnership.id'],
                            name=op.f('fk_risk_event_partnership_id_partnership')),
    sa.ForeignKeyConstraint(['ward_id'], ['ward.id'], name=op.f('fk_risk_event_ward_id_ward'),
                            ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_risk_event')),
    sa.UniqueConstraint('submission_key', name=op.f('uq_risk_event_submission_key'))
    )
    with op.batch_alter_table('risk_event', schema=None) as batch_op:
        batch_op.create_index('ix_risk_event_partnership_starts', ['partnership_id', 'starts_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_risk_event_ward_id'), ['ward_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('risk_event', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_risk_event_ward_id'))
        batch_op.drop_index('ix_risk_event_partnership_starts')
    op.drop_table('risk_event')

    with op.batch_alter_table('tension_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_tension_entry_ward_id'))
        batch_op.drop_index('ix_tension_entry_partnership_date')
    op.drop_table('tension_entry')
