CREATE TABLE item (id integer PRIMARY KEY, qty integer, label varchar(20));
