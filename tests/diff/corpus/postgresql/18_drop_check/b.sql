CREATE TABLE product (id integer PRIMARY KEY, qty integer);
