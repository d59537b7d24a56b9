CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE account (id integer PRIMARY KEY, name varchar(50) NOT NULL, mood mood DEFAULT 'ok');
