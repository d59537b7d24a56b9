CREATE TABLE account (id integer PRIMARY KEY, name varchar(50) NOT NULL);
CREATE UNIQUE INDEX ux_account_lower_name ON account (lower(name));
