-- The target schema: account gains an email and its index.
CREATE TABLE account (
    id INTEGER PRIMARY KEY,
    name VARCHAR(50) NOT NULL,
    email TEXT
);
CREATE INDEX ix_account_email ON account (email);
