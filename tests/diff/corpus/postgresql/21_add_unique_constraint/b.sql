CREATE TABLE account (id integer PRIMARY KEY, name varchar(50) NOT NULL, CONSTRAINT uq_account_name UNIQUE (name));
