CREATE TABLE product (id integer PRIMARY KEY, price numeric(10,2) CONSTRAINT price_check CHECK (price > 0));
