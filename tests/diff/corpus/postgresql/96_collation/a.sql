CREATE TABLE person (id integer, name text);
