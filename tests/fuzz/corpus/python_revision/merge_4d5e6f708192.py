"""merge left and right

Revision ID: 4d5e6f708192
Revises: 3c4d5e6f7081, 2b3c4d5e6f70
Create Date: 2026-11-21 06:42:55.045186

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4d5e6f708192'
down_revision = ('3c4d5e6f7081', '2b3c4d5e6f70')
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
