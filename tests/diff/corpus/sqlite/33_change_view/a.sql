CREATE TABLE account (id INTEGER PRIMARY KEY, name TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1);
CREATE VIEW active_account AS SELECT id, name FROM account WHERE active = 1;
