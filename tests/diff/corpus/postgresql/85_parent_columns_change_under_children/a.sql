CREATE TABLE item (id integer NOT NULL, name text, price integer, CONSTRAINT item_name_check CHECK (name <> ''));
CREATE TABLE book (isbn text) INHERITS (item);
CREATE TABLE pen (color text) INHERITS (item);
