CREATE TABLE tag (id integer PRIMARY KEY);
