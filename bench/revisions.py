"""The revisions the upgrade benchmarks (sqlite_bench.py, pg_bench.py) run:
N linear revisions, each creating one table and one index, written both as a
migrate script location and as an Alembic project. The SQL is valid on SQLite
and PostgreSQL alike.
"""
import hashlib
import os


def revision_id(i):
    # 12 hex characters like migrate_revision's, so file-name order is not
    # chain order (as in a real versions/ folder).
    return hashlib.sha1(f"bench-{i}".encode()).hexdigest()[:12]


def revision_ddl(i):
    t = f"t_{i:05d}"
    up = [
        f"CREATE TABLE {t} (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL, "
        f"created_at TIMESTAMP, parent_id INTEGER)",
        f"CREATE INDEX ix_{t}_name ON {t} (name)",
    ]
    down = [f"DROP INDEX ix_{t}_name", f"DROP TABLE {t}"]
    return up, down


SQL_REVISION = """\
-- create table t_{i:05d}
--
-- Revision ID: {rev}
-- Revises: {down}
-- Create Date: 2026-01-01 00:00:00.000000
-- Branch Labels:
-- Depends On:

-- migrate:upgrade
{up}

-- migrate:downgrade
{downsql}
"""

PY_REVISION = '''\
"""create table t_{i:05d}

Revision ID: {rev}
Revises: {down}
Create Date: 2026-01-01 00:00:00.000000

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = {rev!r}
down_revision = {down_py}
branch_labels = None
depends_on = None


def upgrade():
{up}


def downgrade():
{downsql}
'''

ALEMBIC_ENV = """\
from logging.config import fileConfig

from sqlalchemy import engine_from_config, pool

from alembic import context

config = context.config
if config.config_file_name is not None:
    fileConfig(config.config_file_name)


def run_migrations_online():
    connectable = engine_from_config(
        config.get_section(config.config_ini_section), prefix="sqlalchemy.", poolclass=pool.NullPool
    )
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=None)
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
"""

# alembic init's generic alembic.ini, logging included (Alembic's INFO lines
# are part of its cost, as migrate's returned log is part of its).
ALEMBIC_INI = """\
[alembic]
script_location = {location}
sqlalchemy.url = {url}

[loggers]
keys = root,sqlalchemy,alembic

[handlers]
keys = console

[formatters]
keys = generic

[logger_root]
level = WARN
handlers = console
qualname =

[logger_sqlalchemy]
level = WARN
handlers =
qualname = sqlalchemy.engine

[logger_alembic]
level = INFO
handlers =
qualname = alembic

[handler_console]
class = StreamHandler
args = (sys.stderr,)
level = NOTSET
formatter = generic

[formatter_generic]
format = %(levelname)-5.5s [%(name)s] %(message)s
datefmt = %H:%M:%S
"""


def write_revisions(migrate_dir, alembic_dir, n):
    """Writes the N revisions as migrate_dir/versions/*.sql and as
    alembic_dir/versions/*.py with alembic_dir/env.py; returns
    [(revision id, upgrade statements)], base first."""
    os.makedirs(os.path.join(migrate_dir, "versions"))
    os.makedirs(os.path.join(alembic_dir, "versions"))
    with open(os.path.join(alembic_dir, "env.py"), "w") as f:
        f.write(ALEMBIC_ENV)
    revisions = []
    down = None
    for i in range(1, n + 1):
        rev = revision_id(i)
        up, dn = revision_ddl(i)
        name = f"{rev}_create_table_t_{i:05d}"
        with open(os.path.join(migrate_dir, "versions", name + ".sql"), "w") as f:
            f.write(SQL_REVISION.format(i=i, rev=rev, down=down or "",
                                        up="\n".join(s + ";" for s in up),
                                        downsql="\n".join(s + ";" for s in dn)))
        with open(os.path.join(alembic_dir, "versions", name + ".py"), "w") as f:
            f.write(PY_REVISION.format(i=i, rev=rev, down=down or "", down_py=repr(down),
                                       up="\n".join(f"    op.execute({s!r})" for s in up),
                                       downsql="\n".join(f"    op.execute({s!r})" for s in dn)))
        revisions.append((rev, up))
        down = rev
    return revisions
