CREATE TABLE account (id integer PRIMARY KEY, name varchar(50) NOT NULL);
CREATE TABLE legacy (id integer PRIMARY KEY, account_id integer REFERENCES account (id));
CREATE VIEW legacy_view AS SELECT l.id, a.name FROM legacy l JOIN account a ON a.id = l.account_id;
