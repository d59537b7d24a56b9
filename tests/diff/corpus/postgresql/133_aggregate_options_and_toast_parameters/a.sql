CREATE TABLE reading (id integer, value integer, note text) WITH (fillfactor = 70);
CREATE FUNCTION add_up(integer, integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT $1 + $2';
CREATE FUNCTION take_off(integer, integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT $1 - $2';
CREATE AGGREGATE running_sum(integer) (SFUNC = add_up, STYPE = integer, INITCOND = '0');
