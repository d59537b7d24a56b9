"""reports base

Revision ID: r1base
Revises: 
Create Date: 2026-11-21 06:42:44.666352

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'r1base'
down_revision = None
branch_labels = ('reports',)
depends_on = ['accounts', '27c6f0e1d2c3']


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
