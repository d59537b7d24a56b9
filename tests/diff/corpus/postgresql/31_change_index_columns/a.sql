CREATE TABLE person (id integer PRIMARY KEY, first text, last text);
CREATE INDEX ix_person_name ON person (last);
