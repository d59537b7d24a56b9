-- Integers ordered by absolute value: a btree operator class of its own operators.
CREATE FUNCTION abs_lt(integer, integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT abs($1) < abs($2)';
CREATE FUNCTION abs_le(integer, integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT abs($1) <= abs($2)';
CREATE FUNCTION abs_eq(integer, integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT abs($1) = abs($2)';
CREATE FUNCTION abs_ge(integer, integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT abs($1) >= abs($2)';
CREATE FUNCTION abs_gt(integer, integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT abs($1) > abs($2)';
CREATE FUNCTION abs_cmp(integer, integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT btint4cmp(abs($1), abs($2))';
CREATE OPERATOR <<| (FUNCTION = abs_lt, LEFTARG = integer, RIGHTARG = integer);
CREATE OPERATOR <<|= (FUNCTION = abs_le, LEFTARG = integer, RIGHTARG = integer);
CREATE OPERATOR =|= (FUNCTION = abs_eq, LEFTARG = integer, RIGHTARG = integer);
CREATE OPERATOR >>|= (FUNCTION = abs_ge, LEFTARG = integer, RIGHTARG = integer);
CREATE OPERATOR >>| (FUNCTION = abs_gt, LEFTARG = integer, RIGHTARG = integer);
CREATE OPERATOR CLASS abs_int_ops FOR TYPE integer USING btree AS
    OPERATOR 1 <<|, OPERATOR 2 <<|=, OPERATOR 3 =|=, OPERATOR 4 >>|=, OPERATOR 5 >>|,
    FUNCTION 1 abs_cmp(integer, integer);
-- A family of its own, with a loose member and a class in it.
CREATE OPERATOR FAMILY abs_hash_ops USING hash;
CREATE FUNCTION abs_hash(integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT hashint4(abs($1))';
CREATE OPERATOR CLASS abs_int_hash_ops FOR TYPE integer USING hash FAMILY abs_hash_ops AS
    OPERATOR 1 =|=, FUNCTION 1 abs_hash(integer);
CREATE TABLE reading (id integer, level integer);
CREATE INDEX reading_level ON reading (level abs_int_ops);
CREATE INDEX reading_level_hash ON reading USING hash (level abs_int_hash_ops);
