CREATE TABLE customer (id integer PRIMARY KEY, name text, region text);
CREATE PUBLICATION billing FOR TABLE customer WITH (publish = 'insert');
CREATE PUBLICATION kept FOR TABLE customer (id, name);
