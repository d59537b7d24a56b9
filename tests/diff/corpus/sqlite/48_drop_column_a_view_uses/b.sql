CREATE TABLE account (id INTEGER PRIMARY KEY, name TEXT);
CREATE VIEW account_names AS SELECT id, name FROM account;
