CREATE TABLE item (id integer NOT NULL, name text, CONSTRAINT item_name_check CHECK (name <> ''));
CREATE TABLE book (isbn text, CONSTRAINT book_isbn_check CHECK (length(isbn) = 13)) INHERITS (item);
CREATE TABLE priced (price numeric(10, 2) NOT NULL DEFAULT 0);
-- a column and a check both local and inherited, two parents
CREATE TABLE offer (name text NOT NULL, until date, CONSTRAINT item_name_check CHECK (name <> '')) INHERITS (item, priced);
COMMENT ON COLUMN book.name IS 'the title';
