CREATE TABLE shirt (id integer PRIMARY KEY, size text NOT NULL DEFAULT 'm');
