CREATE TABLE doc (id integer PRIMARY KEY, tags varchar(20)[] NOT NULL DEFAULT '{}', body jsonb, scores integer[]);
