"""officials, sla, procedures, routing, zalo

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-06
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.types

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table('calendarexception',
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('working', sa.Boolean(), nullable=False),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
    sa.Column('created_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('day')
    )
    op.create_table('digestlog',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('target', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
    sa.Column('period', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('sent_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('kind', 'target', 'period')
    )
    op.create_table('officehourssetting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('start', sa.Time(), nullable=False),
    sa.Column('end', sa.Time(), nullable=False),
    sa.Column('lunch_start', sa.Time(), nullable=True),
    sa.Column('lunch_end', sa.Time(), nullable=True),
    sa.Column('updated_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('procedureoverride',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('scope', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
    sa.Column('procedure_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('updated_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('procedureoverride', schema=None) as batch_op:
        batch_op.create_index('ix_procedureoverride_scope_code', ['scope', 'code'], unique=False)

    op.create_table('proofcategory',
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
    sa.Column('photo_required', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('category')
    )
    op.create_table('routingrule',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('intent', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('province_code', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=True),
    sa.Column('commune_code', sqlmodel.sql.sqltypes.AutoString(length=5), nullable=True),
    sa.Column('keywords', sa.JSON(), nullable=False),
    sa.Column('min_confidence', sa.Float(), nullable=True),
    sa.Column('department_key', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=False),
    sa.Column('target_commune_code', sqlmodel.sql.sqltypes.AutoString(length=5), nullable=True),
    sa.Column('note', sqlmodel.sql.sqltypes.AutoString(), nullable=False),
    sa.Column('created_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('routingrule', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_routingrule_position'), ['position'], unique=False)

    op.create_table('slapolicyoverride',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('province_code', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=True),
    sa.Column('commune_code', sqlmodel.sql.sqltypes.AutoString(length=5), nullable=True),
    sa.Column('department_key', sqlmodel.sql.sqltypes.AutoString(length=40), nullable=True),
    sa.Column('category', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=True),
    sa.Column('priority', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=True),
    sa.Column('claim', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('resolve', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True),
    sa.Column('updated_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('slapolicyoverride', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_slapolicyoverride_commune_code'), ['commune_code'], unique=False)
        batch_op.create_index(batch_op.f('ix_slapolicyoverride_province_code'), ['province_code'], unique=False)

    op.create_table('zalochoice',
    sa.Column('chat_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('actions', sa.JSON(), nullable=False),
    sa.Column('sent_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('chat_id')
    )
    op.create_table('zaloaccount',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('oa_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
    sa.Column('province_code', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=True),
    sa.Column('commune_code', sqlmodel.sql.sqltypes.AutoString(length=5), nullable=True),
    sa.Column('access_token', sa.Text(), nullable=False),
    sa.Column('refresh_token', sa.Text(), nullable=False),
    sa.Column('expires_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('refreshed_at', storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('last_error_at', storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['commune_code'], ['commune.code'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('oa_id')
    )
    op.create_table('procedurefeedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('procedure_id', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
    sa.Column('citizen_id', sa.Integer(), nullable=False),
    sa.Column('commune_code', sqlmodel.sql.sqltypes.AutoString(length=5), nullable=True),
    sa.Column('verdict', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
    sa.Column('ticket_id', sa.Integer(), nullable=True),
    sa.Column('created_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['citizen_id'], ['citizen.id'], ),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('procedurefeedback', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_procedurefeedback_citizen_id'), ['citizen_id'], unique=False)
        batch_op.create_index('ix_procedurefeedback_procedure', ['procedure_id', 'verdict'], unique=False)

    op.create_table('reminderlog',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ticket_id', sa.Integer(), nullable=False),
    sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
    sa.Column('level', sa.Integer(), nullable=False),
    sa.Column('sent_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('ticket_id', 'kind', 'level')
    )
    op.create_table('reminderplan',
    sa.Column('ticket_id', sa.Integer(), nullable=False),
    sa.Column('status', sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
    sa.Column('department_id', sa.Integer(), nullable=True),
    sa.Column('started_at', storage.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('assignee_id', sa.Integer(), nullable=True),
    sa.Column('claim_due_at', storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('resolve_due_at', storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.Column('next_at', storage.types.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['ticket_id'], ['ticket.id'], ),
    sa.PrimaryKeyConstraint('ticket_id')
    )
    with op.batch_alter_table('reminderplan', schema=None) as batch_op:
        batch_op.create_index('ix_reminderplan_next_at', ['next_at'], unique=False)

    with op.batch_alter_table('draft', schema=None) as batch_op:
        batch_op.add_column(sa.Column('commune_code', sqlmodel.sql.sqltypes.AutoString(length=5), nullable=True))

    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.add_column(sa.Column('paused_at', storage.types.UTCDateTime(timezone=True), nullable=True))




def downgrade() -> None:

    with op.batch_alter_table('ticket', schema=None) as batch_op:
        batch_op.drop_column('paused_at')

    with op.batch_alter_table('draft', schema=None) as batch_op:
        batch_op.drop_column('commune_code')

    with op.batch_alter_table('reminderplan', schema=None) as batch_op:
        batch_op.drop_index('ix_reminderplan_next_at')

    op.drop_table('reminderplan')
    op.drop_table('reminderlog')
    with op.batch_alter_table('procedurefeedback', schema=None) as batch_op:
        batch_op.drop_index('ix_procedurefeedback_procedure')
        batch_op.drop_index(batch_op.f('ix_procedurefeedback_citizen_id'))

    op.drop_table('procedurefeedback')
    op.drop_table('zaloaccount')
    op.drop_table('zalochoice')
    with op.batch_alter_table('slapolicyoverride', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_slapolicyoverride_province_code'))
        batch_op.drop_index(batch_op.f('ix_slapolicyoverride_commune_code'))

    op.drop_table('slapolicyoverride')
    with op.batch_alter_table('routingrule', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_routingrule_position'))

    op.drop_table('routingrule')
    op.drop_table('proofcategory')
    with op.batch_alter_table('procedureoverride', schema=None) as batch_op:
        batch_op.drop_index('ix_procedureoverride_scope_code')

    op.drop_table('procedureoverride')
    op.drop_table('officehourssetting')
    op.drop_table('digestlog')
    op.drop_table('calendarexception')

