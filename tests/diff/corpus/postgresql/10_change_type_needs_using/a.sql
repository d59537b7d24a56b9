CREATE TABLE reading (id integer PRIMARY KEY, value text, taken text);
