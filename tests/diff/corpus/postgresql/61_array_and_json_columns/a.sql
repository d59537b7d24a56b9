CREATE TABLE doc (id integer PRIMARY KEY, tags text[], body json);
