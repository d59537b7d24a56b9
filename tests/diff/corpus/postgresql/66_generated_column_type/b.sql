CREATE TABLE box (id integer PRIMARY KEY, w integer, h integer, area bigint GENERATED ALWAYS AS (w * h) STORED);
