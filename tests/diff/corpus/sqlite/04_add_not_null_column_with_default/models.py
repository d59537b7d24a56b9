"""B of this pair as an application declares it (SQLAlchemy models).

`id INTEGER PRIMARY KEY` is nullable in SQLite's catalog (NULL means "next
rowid"), so the models say nullable=True to describe b.sql exactly."""
import sqlalchemy as sa

metadata = sa.MetaData()

sa.Table(
    "account", metadata,
    sa.Column("id", sa.Integer, primary_key=True, nullable=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("status", sa.Text, nullable=False, server_default="active"),
)
