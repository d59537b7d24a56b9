CREATE TABLE film (id integer, release_year integer);
