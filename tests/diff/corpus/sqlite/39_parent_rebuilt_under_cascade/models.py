"""B of this pair as an application declares it (SQLAlchemy models).

`id INTEGER PRIMARY KEY` is nullable in SQLite's catalog (NULL means "next
rowid"), so the models say nullable=True to describe b.sql exactly."""
import sqlalchemy as sa

metadata = sa.MetaData()

sa.Table(
    "customer", metadata,
    sa.Column("id", sa.Integer, primary_key=True, nullable=True),
    sa.Column("name", sa.String(100), nullable=False),
)
sa.Table(
    "orders", metadata,
    sa.Column("id", sa.Integer, primary_key=True, nullable=True),
    sa.Column("customer_id", sa.Integer, sa.ForeignKey("customer.id", ondelete="CASCADE"), nullable=False),
    sa.Column("total", sa.Integer),
)
sa.Table(
    "address", metadata,
    sa.Column("id", sa.Integer, primary_key=True, nullable=True),
    sa.Column("customer_id", sa.Integer, sa.ForeignKey("customer.id", ondelete="CASCADE", onupdate="CASCADE")),
    sa.Column("city", sa.Text),
)
