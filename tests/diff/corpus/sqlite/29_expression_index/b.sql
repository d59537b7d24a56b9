CREATE TABLE account (id INTEGER PRIMARY KEY, email TEXT NOT NULL);
CREATE UNIQUE INDEX ix_account_email_lower ON account (lower(email));
