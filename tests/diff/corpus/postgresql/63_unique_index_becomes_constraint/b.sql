CREATE TABLE account (id integer PRIMARY KEY, email text UNIQUE);
