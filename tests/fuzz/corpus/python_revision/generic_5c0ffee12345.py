"""merge accounts and billing

Revision ID: 5c0ffee12345
Revises: 27c6f0e1d2c3
Create Date: 2026-11-21 06:42:41.780320

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5c0ffee12345'
down_revision = '27c6f0e1d2c3'
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
