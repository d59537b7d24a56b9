"""B of this pair as an application declares it (SQLAlchemy models).

`id INTEGER PRIMARY KEY` is nullable in SQLite's catalog (NULL means "next
rowid"), so the models say nullable=True to describe b.sql exactly."""
import sqlalchemy as sa

metadata = sa.MetaData()

ticket = sa.Table(
    "ticket", metadata,
    sa.Column("id", sa.Integer, primary_key=True, nullable=True),
    sa.Column("status", sa.Text, nullable=False),
    sa.Column("created", sa.Text, nullable=False),
)
sa.Index("ix_ticket_open", ticket.c.created, sqlite_where=sa.text("status IN ('open', 'pending')"))
