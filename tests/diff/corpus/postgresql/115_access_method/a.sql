CREATE TABLE note (id integer);
