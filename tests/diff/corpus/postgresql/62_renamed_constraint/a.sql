CREATE TABLE account (id integer PRIMARY KEY, email text CONSTRAINT account_email_key UNIQUE);
