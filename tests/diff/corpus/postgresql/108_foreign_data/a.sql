CREATE TABLE local_note (id integer);
