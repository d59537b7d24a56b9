CREATE TABLE region (id integer PRIMARY KEY);
CREATE TABLE account (id integer PRIMARY KEY, region_id integer REFERENCES region (id));
