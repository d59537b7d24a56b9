CREATE FUNCTION add_abs(numeric, numeric) RETURNS numeric LANGUAGE sql IMMUTABLE AS 'SELECT $1 + abs($2)';
CREATE AGGREGATE sum_abs(numeric) (SFUNC = add_abs, STYPE = numeric, INITCOND = '0');
CREATE TABLE sale (id integer, amount numeric);
CREATE VIEW sale_total AS SELECT sum_abs(amount) AS total FROM sale;
