CREATE TABLE country (id integer PRIMARY KEY, iso text NOT NULL);
