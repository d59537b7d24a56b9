"""add name column

Revision ID: 27c6a30d7c24
Revises: ae1027a6acf
Create Date: 2026-11-21 06:42:41.034315

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '27c6a30d7c24'
down_revision = 'ae1027a6acf'
branch_labels = ('accounts',)
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
