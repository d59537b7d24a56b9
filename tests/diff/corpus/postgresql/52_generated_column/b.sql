CREATE TABLE box (id integer PRIMARY KEY, w integer, h integer, area integer, perimeter integer GENERATED ALWAYS AS (2 * (w + h)) STORED);
