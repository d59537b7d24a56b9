CREATE TABLE customer (id integer PRIMARY KEY, name text);
CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer NOT NULL REFERENCES customer (id) ON DELETE CASCADE, total integer);
CREATE TABLE address (id integer PRIMARY KEY, customer_id integer REFERENCES customer (id) ON DELETE CASCADE ON UPDATE CASCADE, city text);
