CREATE FUNCTION abs_lt(integer, integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT abs($1) < abs($2)';
CREATE FUNCTION abs_eq(integer, integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT abs($1) = abs($2)';
CREATE FUNCTION abs_cmp(integer, integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT btint4cmp(abs($1), abs($2))';
CREATE OPERATOR <<| (FUNCTION = abs_lt, LEFTARG = integer, RIGHTARG = integer);
CREATE OPERATOR =|= (FUNCTION = abs_eq, LEFTARG = integer, RIGHTARG = integer);
CREATE OPERATOR CLASS abs_int_ops FOR TYPE integer USING btree AS OPERATOR 1 <<|, OPERATOR 3 =|=, FUNCTION 1 abs_cmp(integer, integer);
CREATE TABLE reading (id integer, level integer);
