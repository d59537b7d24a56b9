CREATE TABLE booking (id integer, room integer);
