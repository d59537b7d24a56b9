CREATE TABLE account (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT);
CREATE INDEX ix_account_email ON account (email);
