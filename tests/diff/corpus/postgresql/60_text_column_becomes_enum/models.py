"""B of this pair as an application declares it (SQLAlchemy models); see
13_change_default for why it is not reflected."""
import sqlalchemy as sa

metadata = sa.MetaData()

sa.Table(
    "shirt", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("size", sa.Enum("s", "m", "l", name="shirt_size"), nullable=False, server_default="m"),
)
