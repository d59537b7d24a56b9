CREATE TABLE account (id integer, name varchar(80), kind text);
CREATE VIEW person AS SELECT id, name, kind FROM account WHERE kind = 'person';
ALTER VIEW person ALTER COLUMN kind SET DEFAULT 'human';
CREATE VIEW company AS SELECT id, name, kind FROM account WHERE kind = 'company';
ALTER VIEW company ALTER COLUMN kind SET DEFAULT 'company';
CREATE VIEW anyone AS SELECT id, name FROM account;
ALTER VIEW anyone ALTER COLUMN name SET DEFAULT 'unknown';
