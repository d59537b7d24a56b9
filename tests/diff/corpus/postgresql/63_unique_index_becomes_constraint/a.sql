CREATE TABLE account (id integer PRIMARY KEY, email text);
CREATE UNIQUE INDEX account_email_idx ON account (email);
