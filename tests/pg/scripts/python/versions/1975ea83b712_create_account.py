"""create account table

Revision ID: 1975ea83b712
Revises:
Create Date: 2026-11-21 10:15:00.000000

"""
from alembic import op

revision = '1975ea83b712'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.execute("CREATE TABLE account (id INTEGER PRIMARY KEY)")


def downgrade():
    op.execute("DROP TABLE account")
