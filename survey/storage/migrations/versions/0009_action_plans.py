"""Action plans: priorities, their actions with a RAG status, dated progress updates, and the action a
"You said, we did" entry reports

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import survey.storage.types

revision: str = '0009'
down_revision: str | None = '0008'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('plan_priority',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partnership_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('consultation_id', sa.Integer(), nullable=True),
    sa.Column('question_id', sa.String(length=100), nullable=True),
    sa.Column('option_value', sa.String(length=200), nullable=True),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('created_at', survey.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', survey.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'], name=op.f('fk_plan_priority_consultation_id_consultation'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnership.id'], name=op.f('fk_plan_priority_partnership_id_partnership')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_priority'))
    )
    with op.batch_alter_table('plan_priority', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_priority_partnership_id'), ['partnership_id'], unique=False)

    op.create_table('plan_action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partnership_id', sa.Integer(), nullable=False),
    sa.Column('priority_id', sa.Integer(), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('lead', sa.String(length=200), nullable=False),
    sa.Column('partners', sa.String(length=500), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('success_measure', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('red', 'amber', 'green', 'complete', name='rag_status', native_enum=False, create_constraint=True, length=8), nullable=False),
    sa.Column('public_summary', sa.Text(), nullable=False),
    sa.Column('created_at', survey.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', survey.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnership.id'], name=op.f('fk_plan_action_partnership_id_partnership')),
    sa.ForeignKeyConstraint(['priority_id'], ['plan_priority.id'], name=op.f('fk_plan_action_priority_id_plan_priority'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_action'))
    )
    with op.batch_alter_table('plan_action', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_action_partnership_id'), ['partnership_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_plan_action_priority_id'), ['priority_id'], unique=False)

    op.create_table('plan_action_update',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('made_on', sa.Date(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('red', 'amber', 'green', 'complete', name='rag_status', native_enum=False, create_constraint=True, length=8), nullable=False),
    sa.Column('previous_status', sa.Enum('red', 'amber', 'green', 'complete', name='previous_rag_status', native_enum=False, create_constraint=True, length=8), nullable=True),
    sa.Column('officer_id', sa.Integer(), nullable=True),
    sa.Column('public', sa.Boolean(), nullable=False),
    sa.Column('created_at', survey.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['plan_action.id'], name=op.f('fk_plan_action_update_action_id_plan_action'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['officer_id'], ['officer.id'], name=op.f('fk_plan_action_update_officer_id_officer'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_plan_action_update'))
    )
    with op.batch_alter_table('plan_action_update', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_plan_action_update_action_id'), ['action_id'], unique=False)

    with op.batch_alter_table('you_said_we_did', schema=None) as batch_op:
        batch_op.add_column(sa.Column('action_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_you_said_we_did_action_id'), ['action_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_you_said_we_did_action_id_plan_action'), 'plan_action', ['action_id'], ['id'], ondelete='SET NULL')


def downgrade() -> None:
    with op.batch_alter_table('you_said_we_did', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_you_said_we_did_action_id_plan_action'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_you_said_we_did_action_id'))
        batch_op.drop_column('action_id')

    with op.batch_alter_table('plan_action_update', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_action_update_action_id'))

    op.drop_table('plan_action_update')
    with op.batch_alter_table('plan_action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_action_priority_id'))
        batch_op.drop_index(batch_op.f('ix_plan_action_partnership_id'))

    op.drop_table('plan_action')
    with op.batch_alter_table('plan_priority', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_plan_priority_partnership_id'))

    op.drop_table('plan_priority')