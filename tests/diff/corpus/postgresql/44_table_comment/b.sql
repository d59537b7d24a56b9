CREATE TABLE account (id integer PRIMARY KEY, name varchar(50) NOT NULL);
COMMENT ON TABLE account IS 'people who log in';
CREATE TABLE note (id integer PRIMARY KEY);
COMMENT ON TABLE note IS 'it''s new';
