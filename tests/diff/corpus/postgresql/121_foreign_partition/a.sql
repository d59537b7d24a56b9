CREATE TABLE city (id integer PRIMARY KEY);
