CREATE TABLE account (id integer PRIMARY KEY, name varchar(50) NOT NULL);
CREATE INDEX ix_account_name ON account (name);
