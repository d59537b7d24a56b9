CREATE TABLE account (id integer PRIMARY KEY, email text CONSTRAINT uq_account_email UNIQUE);
