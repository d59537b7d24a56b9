-- Read after 01_account.sql: it references account.
CREATE TYPE tag_kind AS ENUM ('topic', 'person');
CREATE TABLE tag (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    kind tag_kind NOT NULL DEFAULT 'topic'
);
COMMENT ON TABLE tag IS 'labels of an account';
