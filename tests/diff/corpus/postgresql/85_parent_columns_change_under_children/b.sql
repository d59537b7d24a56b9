CREATE TABLE item (id integer NOT NULL, name text NOT NULL, weight numeric, price bigint DEFAULT 0,
    CONSTRAINT item_name_check CHECK (name <> ''), CONSTRAINT item_weight_check CHECK (weight > 0));
CREATE TABLE book (isbn text) INHERITS (item);
CREATE TABLE pen (color text) INHERITS (item);
