CREATE TABLE account (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL
);
CREATE UNIQUE INDEX ix_account_name ON account (name);
