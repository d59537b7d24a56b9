CREATE TYPE shirt_size AS ENUM ('s', 'm', 'l');
CREATE TABLE shirt (id integer PRIMARY KEY, size shirt_size NOT NULL DEFAULT 'm');
