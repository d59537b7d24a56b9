CREATE TABLE customer (id integer PRIMARY KEY, name text, region text);
CREATE TABLE invoice (id integer PRIMARY KEY, total numeric);
CREATE PUBLICATION billing FOR TABLE customer, invoice;
CREATE PUBLICATION gone FOR TABLE invoice;
CREATE PUBLICATION kept FOR TABLE customer (id, name);
