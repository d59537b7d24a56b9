CREATE TABLE country (id integer PRIMARY KEY, iso text NOT NULL UNIQUE);
CREATE TABLE city (id integer PRIMARY KEY, country_iso text REFERENCES country (iso));
