CREATE TABLE account (id INTEGER PRIMARY KEY, name VARCHAR(50) NOT NULL, note TEXT DEFAULT 'x', CHECK (length(name) > 0));
CREATE INDEX ix_account_name ON account (name) WHERE note IS NOT NULL;
CREATE VIEW v AS SELECT id FROM account;
