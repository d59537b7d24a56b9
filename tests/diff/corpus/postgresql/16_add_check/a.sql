CREATE TABLE product (id integer PRIMARY KEY, price numeric(10,2));
