CREATE TABLE account (id integer PRIMARY KEY, region_id integer);
