"""create invoice

Revision ID: 27c6f0e1d2c3
Revises: ae1027a6acf
Create Date: 2026-11-21 06:42:41.393356

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '27c6f0e1d2c3'
down_revision = 'ae1027a6acf'
branch_labels = ('billing',)
depends_on = '27c6a30d7c24'


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
