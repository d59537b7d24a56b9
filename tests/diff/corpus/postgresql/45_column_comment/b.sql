CREATE TABLE account (id integer PRIMARY KEY, name varchar(50) NOT NULL, email text);
COMMENT ON COLUMN account.id IS 'the key';
COMMENT ON COLUMN account.email IS 'where to write';
