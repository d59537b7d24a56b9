CREATE TABLE product (id integer PRIMARY KEY, qty integer CHECK (qty < 100));
