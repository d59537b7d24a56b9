CREATE TABLE account (id integer PRIMARY KEY, name varchar(80) NOT NULL, created date);
CREATE TABLE setting (key text PRIMARY KEY, value text NOT NULL DEFAULT '');
CREATE TABLE audit (id bigint PRIMARY KEY, account_id integer REFERENCES account (id), at timestamp NOT NULL DEFAULT now());
CREATE INDEX ix_audit_at ON audit (at);
