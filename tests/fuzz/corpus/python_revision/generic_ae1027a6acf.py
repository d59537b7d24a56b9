"""create account table

Revision ID: ae1027a6acf
Revises: 
Create Date: 2026-11-21 06:42:40.623384

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'ae1027a6acf'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
