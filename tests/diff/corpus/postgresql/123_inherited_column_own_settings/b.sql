-- the parent's default changes (pen follows it), its statistics target too
CREATE TABLE item (id integer NOT NULL, name text, price integer DEFAULT 1, weight integer DEFAULT 1);
ALTER TABLE item ALTER COLUMN name SET STATISTICS 100;
CREATE TABLE book (isbn text) INHERITS (item);
CREATE TABLE pen (color text) INHERITS (item);
-- book's own settings on inherited columns, as pg_dump writes them
ALTER TABLE ONLY book ALTER COLUMN price SET DEFAULT 5;
ALTER TABLE ONLY book ALTER COLUMN weight SET DEFAULT NULL;
ALTER TABLE ONLY book ALTER COLUMN name SET NOT NULL;
ALTER TABLE ONLY book ALTER COLUMN name SET STATISTICS 50;
ALTER TABLE ONLY book ALTER COLUMN name SET (n_distinct = 5);
-- a grandchild created after: it gets book's, and follows book's own settings
CREATE TABLE ebook (url text) INHERITS (book);
-- pen's own default goes: it inherits item's again
ALTER TABLE ONLY pen ALTER COLUMN weight SET DEFAULT 1;
-- a new child with a default of its own
CREATE TABLE magazine (issue integer) INHERITS (item);
ALTER TABLE ONLY magazine ALTER COLUMN price SET DEFAULT 9;
