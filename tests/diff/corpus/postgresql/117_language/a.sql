CREATE TABLE reading (id integer, value integer);
