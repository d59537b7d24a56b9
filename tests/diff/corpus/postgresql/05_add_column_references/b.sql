CREATE TABLE region (id integer PRIMARY KEY);
CREATE TABLE account (id integer PRIMARY KEY, name varchar(50) NOT NULL, region_id integer REFERENCES region (id));
