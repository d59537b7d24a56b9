CREATE TABLE doc (id integer, body text);
