CREATE TABLE account (id integer PRIMARY KEY, name varchar(50) NOT NULL);
CREATE VIEW account_names AS SELECT name FROM account;
