CREATE TABLE item (id integer NOT NULL, name text, price integer DEFAULT 0, weight integer DEFAULT 1);
CREATE TABLE book (isbn text) INHERITS (item);
CREATE TABLE pen (color text) INHERITS (item);
ALTER TABLE ONLY pen ALTER COLUMN weight SET DEFAULT 7;
CREATE TABLE ebook (url text) INHERITS (book);
