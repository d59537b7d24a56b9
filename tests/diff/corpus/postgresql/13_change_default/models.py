"""B of this pair as an application declares it (SQLAlchemy models).

Alembic 1.8 cannot compare a default that it reflected itself ("'open'::text"
is re-quoted as an identifier), so B is given as an application writes it."""
import sqlalchemy as sa

metadata = sa.MetaData()

sa.Table(
    "ticket", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("status", sa.Text, server_default="open"),
    sa.Column("priority", sa.Integer, server_default=sa.text("3")),
)
