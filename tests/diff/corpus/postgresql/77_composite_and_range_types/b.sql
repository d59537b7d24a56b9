CREATE TYPE address AS (street text, city text);
CREATE TYPE floatrange AS RANGE (SUBTYPE = float8, SUBTYPE_DIFF = float8mi);
CREATE TABLE shipment (id integer, destination address, window_hours floatrange);
