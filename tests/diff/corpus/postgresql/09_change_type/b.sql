CREATE TABLE item (id integer PRIMARY KEY, qty bigint, label text);
