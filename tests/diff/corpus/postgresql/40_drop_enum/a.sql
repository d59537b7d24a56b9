CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TABLE person (id integer PRIMARY KEY, mood mood);
