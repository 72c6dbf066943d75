"""Data sharing agreements and export links

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import survey.storage.types

revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('sharing_agreement',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partnership_id', sa.Integer(), nullable=False),
    sa.Column('recipient_id', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('lawful_basis', sa.Enum('consent', 'contract', 'legal_obligation', 'vital_interests', 'public_task', 'legitimate_interests', name='lawful_basis', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('section_115', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('share_places', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('ward_code', sa.String(length=20), nullable=True),
    sa.Column('include_free_text', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('review_on', sa.Date(), nullable=False),
    sa.Column('revoked_at', survey.storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('revoked_by_officer_id', sa.Integer(), nullable=True),
    sa.Column('created_by_officer_id', sa.Integer(), nullable=True),
    sa.Column('submission_key', sa.String(length=64), nullable=True),
    sa.Column('created_at', survey.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['created_by_officer_id'], ['officer.id'], name=op.f('fk_sharing_agreement_created_by_officer_id_officer'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnership.id'], name=op.f('fk_sharing_agreement_partnership_id_partnership')),
    sa.ForeignKeyConstraint(['recipient_id'], ['partnership.id'], name=op.f('fk_sharing_agreement_recipient_id_partnership')),
    sa.ForeignKeyConstraint(['revoked_by_officer_id'], ['officer.id'], name=op.f('fk_sharing_agreement_revoked_by_officer_id_officer'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sharing_agreement')),
    sa.UniqueConstraint('submission_key', name=op.f('uq_sharing_agreement_submission_key'))
    )
    with op.batch_alter_table('sharing_agreement', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sharing_agreement_partnership_id'), ['partnership_id'], unique=False)
        batch_op.create_index('ix_sharing_agreement_recipient', ['recipient_id', 'partnership_id'], unique=False)

    op.create_table('export_link',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('partnership_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('recipient', sa.String(length=200), nullable=False),
    sa.Column('purpose', sa.Text(), nullable=False),
    sa.Column('lawful_basis', sa.Enum('consent', 'contract', 'legal_obligation', 'vital_interests', 'public_task', 'legitimate_interests', name='export_link_lawful_basis', native_enum=False, create_constraint=True, length=20), nullable=False),
    sa.Column('export', sa.Enum('figures_csv', 'places_csv', 'places_geojson', name='shared_export', native_enum=False, create_constraint=True, length=14), nullable=False),
    sa.Column('consultation_id', sa.Integer(), nullable=True),
    sa.Column('ward_code', sa.String(length=20), nullable=True),
    sa.Column('include_free_text', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('expires_at', survey.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('used_at', survey.storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', survey.storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_by_officer_id', sa.Integer(), nullable=True),
    sa.Column('submission_key', sa.String(length=64), nullable=True),
    sa.Column('created_at', survey.storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'], name=op.f('fk_export_link_consultation_id_consultation'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['created_by_officer_id'], ['officer.id'], name=op.f('fk_export_link_created_by_officer_id_officer'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['partnership_id'], ['partnership.id'], name=op.f('fk_export_link_partnership_id_partnership')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_export_link')),
    sa.UniqueConstraint('submission_key', name=op.f('uq_export_link_submission_key')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_export_link_token_hash'))
    )
    with op.batch_alter_table('export_link', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_export_link_partnership_id'), ['partnership_id'], unique=False)

    op.create_table('sharing_agreement_consultation',
    sa.Column('agreement_id', sa.Integer(), nullable=False),
    sa.Column('consultation_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agreement_id'], ['sharing_agreement.id'], name=op.f('fk_sharing_agreement_consultation_agreement_id_sharing_agreement'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['consultation_id'], ['consultation.id'], name=op.f('fk_sharing_agreement_consultation_consultation_id_consultation'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('agreement_id', 'consultation_id', name=op.f('pk_sharing_agreement_consultation'))
    )
    with op.batch_alter_table('sharing_agreement_consultation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sharing_agreement_consultation_consultation_id'), ['consultation_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('sharing_agreement_consultation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sharing_agreement_consultation_consultation_id'))

    op.drop_table('sharing_agreement_consultation')
    with op.batch_alter_table('export_link', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_export_link_partnership_id'))

    op.drop_table('export_link')
    with op.batch_alter_table('sharing_agreement', schema=None) as batch_op:
        batch_op.drop_index('ix_sharing_agreement_recipient')
        batch_op.drop_index(batch_op.f('ix_sharing_agreement_partnership_id'))

    op.drop_table('sharing_agreement')
