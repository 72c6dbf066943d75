"""Published results: frozen snapshots of the public figures, and "You said, we did" entries

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import survey.storage.types

revision: str = '0007'
down_revision: str | None = '0006'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('results_publication',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partnership_id', sa.Integer(), nullable=False),
    sa.Column('consultation_id', sa.Integer(), nullable=False),
    sa.Column('snapshot_json', sa.Text(), nullable=False),
    sa.Column('published_at', survey.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('withdrawn_at', survey.storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'],
                            name=op.f('fk_results_publication_consultation_id_consultation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnership.id'],
                            name=op.f('fk_results_publication_partnership_id_partnership')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_results_publication'))
    )
    with op.batch_alter_table('results_publication', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_results_publication_consultation_id'), ['consultation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_results_publication_partnership_id'), ['partnership_id'], unique=False)

    op.create_table('you_said_we_did',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('consultation_id', sa.Integer(), nullable=False),
    sa.Column('you_said', sa.String(length=200), nullable=False),
    sa.Column('we_did', sa.Text(), nullable=False),
    sa.Column('lead', sa.String(length=200), nullable=False),
    sa.Column('status', sa.Enum('planned', 'in_progress', 'done', name='action_status', native_enum=False,
                                create_constraint=True, length=11), nullable=False),
    sa.Column('created_at', survey.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', survey.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'],
                            name=op.f('fk_you_said_we_did_consultation_id_consultation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_you_said_we_did'))
    )
    with op.batch_alter_table('you_said_we_did', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_you_said_we_did_consultation_id'), ['consultation_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('you_said_we_did', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_you_said_we_did_consultation_id'))
    op.drop_table('you_said_we_did')
    with op.batch_alter_table('results_publication', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_results_publication_partnership_id'))
        batch_op.drop_index(batch_op.f('ix_results_publication_consultation_id'))
    op.drop_table('results_publication')
