CREATE TYPE mood AS ENUM ('angry', 'sad', 'ok', 'happy', 'ecstatic');
CREATE TABLE person (id integer PRIMARY KEY, mood mood NOT NULL);
