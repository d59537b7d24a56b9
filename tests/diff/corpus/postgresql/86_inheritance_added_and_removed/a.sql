CREATE TABLE item (id integer NOT NULL, name text);
CREATE TABLE book (id integer NOT NULL, name text, isbn text);
CREATE TABLE archive (id integer NOT NULL, name text, stored date) INHERITS (item);
