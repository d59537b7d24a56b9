CREATE TABLE customer (id integer PRIMARY KEY, name varchar(100) NOT NULL, vip boolean NOT NULL DEFAULT false);
CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer NOT NULL REFERENCES customer (id) ON DELETE CASCADE, total integer);
CREATE TABLE address (id integer PRIMARY KEY, customer_id integer REFERENCES customer (id) ON DELETE CASCADE ON UPDATE CASCADE, city text);
