CREATE TABLE event (id integer PRIMARY KEY, created timestamp);
