"""B of this pair as an application declares it (SQLAlchemy models); see
13_change_default for why it is not reflected."""
import sqlalchemy as sa

metadata = sa.MetaData()

account = sa.Table(
    "account", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("name", sa.String(50), nullable=False, server_default="x"),
)
sa.Index("ix_name", account.c.name)
