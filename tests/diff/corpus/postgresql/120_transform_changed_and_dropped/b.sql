CREATE TYPE pair AS (a integer, b integer);
CREATE FUNCTION pair_from_sql(internal) RETURNS internal LANGUAGE internal IMMUTABLE STRICT AS 'int4recv';
CREATE FUNCTION pair_to_sql(internal) RETURNS pair LANGUAGE internal IMMUTABLE STRICT AS 'int4recv';
CREATE TRANSFORM FOR pair LANGUAGE plpgsql (FROM SQL WITH FUNCTION pair_from_sql(internal),
    TO SQL WITH FUNCTION pair_to_sql(internal));
CREATE TRANSFORM FOR integer LANGUAGE plpgsql (FROM SQL WITH FUNCTION pair_from_sql(internal));
COMMENT ON TRANSFORM FOR integer LANGUAGE plpgsql IS 'kept, commented again';
