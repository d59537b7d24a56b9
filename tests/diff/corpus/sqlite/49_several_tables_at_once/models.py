"""B of this pair as an application declares it (SQLAlchemy models).

`id INTEGER PRIMARY KEY` is nullable in SQLite's catalog (NULL means "next
rowid"), so the models say nullable=True to describe b.sql exactly."""
import sqlalchemy as sa

metadata = sa.MetaData()

sa.Table(
    "a", metadata,
    sa.Column("id", sa.Integer, primary_key=True, nullable=True),
    sa.Column("x", sa.Text),
    sa.Column("w", sa.Text, server_default="w"),
)
b = sa.Table(
    "b", metadata,
    sa.Column("id", sa.Integer, primary_key=True, nullable=True),
    sa.Column("a_id", sa.Integer, sa.ForeignKey("a.id")),
    sa.Column("y", sa.Text),
)
d = sa.Table(
    "d", metadata,
    sa.Column("id", sa.Integer, primary_key=True, nullable=True),
    sa.Column("b_id", sa.Integer, sa.ForeignKey("b.id")),
)
sa.Index("ix_b_y", b.c.y)
sa.Index("ix_d_b", d.c.b_id)
