CREATE TABLE account (id INTEGER PRIMARY KEY, name TEXT, legacy TEXT);
CREATE VIEW account_names AS SELECT id, name, legacy FROM account;
