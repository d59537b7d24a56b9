CREATE TABLE customer (id integer PRIMARY KEY, name text, secret text, region text);
CREATE TABLE invoice (id integer PRIMARY KEY, total numeric);
