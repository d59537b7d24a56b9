CREATE TABLE author (id integer PRIMARY KEY);
CREATE TABLE book (id integer PRIMARY KEY, author_id integer);
