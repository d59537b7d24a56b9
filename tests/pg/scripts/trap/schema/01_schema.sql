-- The live schema of bb22bb22bb22 plus account.email and its index.
CREATE TABLE account (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT);
CREATE INDEX ix_account_name ON account (name);
CREATE INDEX ix_account_email ON account (lower(email)) WHERE email IS NOT NULL;
CREATE TYPE tag_kind AS ENUM ('topic', 'person');
CREATE SEQUENCE tag_seq;
CREATE TABLE tag (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account (id),
    kind tag_kind NOT NULL DEFAULT 'topic',
    CONSTRAINT tag_account_kind UNIQUE (account_id, kind)
);
CREATE VIEW tag_view AS SELECT id, kind FROM tag;
