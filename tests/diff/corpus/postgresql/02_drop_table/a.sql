CREATE TABLE account (id integer PRIMARY KEY, name varchar(50) NOT NULL);
CREATE TABLE legacy (id integer PRIMARY KEY, note text);
