"""add email to account

Revision ID: 3512b954651e
Revises: 27c6a30d7c24
Create Date: 2026-11-21 10:20:00.000000

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '3512b954651e'
down_revision: Union[str, None] = '27c6a30d7c24'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    op.add_column("account", sa.Column("email", sa.String(200)))


def downgrade() -> None:
    op.drop_column("account", "email")
