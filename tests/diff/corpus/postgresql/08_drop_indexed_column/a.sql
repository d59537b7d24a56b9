CREATE TABLE account (id integer PRIMARY KEY, name varchar(50) NOT NULL, code text);
CREATE INDEX ix_account_code ON account (code);
CREATE INDEX ix_account_name_code ON account (name, code);
