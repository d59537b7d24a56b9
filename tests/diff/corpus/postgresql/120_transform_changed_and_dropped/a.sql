CREATE TYPE pair AS (a integer, b integer);
CREATE FUNCTION pair_from_sql(internal) RETURNS internal LANGUAGE internal IMMUTABLE STRICT AS 'int4recv';
CREATE FUNCTION pair_to_sql(internal) RETURNS pair LANGUAGE internal IMMUTABLE STRICT AS 'int4recv';
CREATE TRANSFORM FOR pair LANGUAGE plpgsql (FROM SQL WITH FUNCTION pair_from_sql(internal));
-- Of a built-in type: the live one is taken out of the target's way.
CREATE TRANSFORM FOR integer LANGUAGE plpgsql (FROM SQL WITH FUNCTION pair_from_sql(internal));
COMMENT ON TRANSFORM FOR integer LANGUAGE plpgsql IS 'kept';
CREATE TRANSFORM FOR bigint LANGUAGE plpgsql (FROM SQL WITH FUNCTION pair_from_sql(internal));
