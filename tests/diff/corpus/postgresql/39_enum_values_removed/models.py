"""B of this pair as an application declares it (SQLAlchemy models); see
13_change_default for why it is not reflected."""
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

metadata = sa.MetaData()
status = postgresql.ENUM("draft", "published", "archived", name="status")

sa.Table(
    "post", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("status", status, nullable=False, server_default="draft"),
    sa.Column("history", postgresql.ARRAY(status)),
)
