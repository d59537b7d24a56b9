CREATE TABLE account (id integer, name text, updated timestamp);
