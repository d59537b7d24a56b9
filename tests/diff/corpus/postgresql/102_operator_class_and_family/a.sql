CREATE TABLE reading (id integer, level integer);
