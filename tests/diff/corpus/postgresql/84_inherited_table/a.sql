CREATE TABLE item (id integer NOT NULL, name text, CONSTRAINT item_name_check CHECK (name <> ''));
