"""add name column

Revision ID: 27c6a30d7c24
Revises: ae1027a6acf
Create Date: 2026-11-21 06:42:45.925647

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '27c6a30d7c24'
down_revision = 'ae1027a6acf'
branch_labels = ('accounts',)
depends_on = None


def upgrade(engine_name: str) -> None:
    globals()["upgrade_%s" % engine_name]()


def downgrade(engine_name: str) -> None:
    globals()["downgrade_%s" % engine_name]()





def upgrade_engine1() -> None:
    pass


def downgrade_engine1() -> None:
    pass


def upgrade_engine2() -> None:
    pass


def downgrade_engine2() -> None:
    pass

