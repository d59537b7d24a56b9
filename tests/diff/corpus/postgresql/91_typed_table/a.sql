CREATE TYPE person AS (name text, born date);
CREATE TABLE author (name text, born date);
