CREATE TABLE account (id integer, name text, kind text);
CREATE VIEW person AS SELECT id, name, kind FROM account WHERE kind = 'person';
ALTER VIEW person ALTER COLUMN kind SET DEFAULT 'person';
CREATE VIEW company AS SELECT id, name, kind FROM account WHERE kind = 'company';
ALTER VIEW company ALTER COLUMN kind SET DEFAULT 'company';
