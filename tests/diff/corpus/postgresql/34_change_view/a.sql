CREATE TABLE account (id integer PRIMARY KEY, name varchar(50) NOT NULL);
CREATE VIEW short_names AS SELECT id, name FROM account WHERE length(name) < 4;
