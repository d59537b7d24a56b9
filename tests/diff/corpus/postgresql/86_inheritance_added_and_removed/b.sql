CREATE TABLE item (id integer NOT NULL, name text);
-- a table that gains a parent keeps its own columns: written here as its own
CREATE TABLE book (id integer NOT NULL, name text, isbn text) INHERITS (item);
CREATE TABLE archive (id integer NOT NULL, stored date);
