CREATE TYPE pair AS (a integer, b integer);
-- Transform functions take internal: LANGUAGE internal, on a built-in C symbol (never called here).
CREATE FUNCTION pair_from_sql(internal) RETURNS internal LANGUAGE internal IMMUTABLE STRICT AS 'int4recv';
CREATE FUNCTION pair_to_sql(internal) RETURNS pair LANGUAGE internal IMMUTABLE STRICT AS 'int4recv';
CREATE TRANSFORM FOR pair LANGUAGE plpgsql (FROM SQL WITH FUNCTION pair_from_sql(internal),
    TO SQL WITH FUNCTION pair_to_sql(internal));
COMMENT ON TRANSFORM FOR pair LANGUAGE plpgsql IS 'pairs in and out';
CREATE LANGUAGE plother HANDLER plpgsql_call_handler;
CREATE TRANSFORM FOR integer LANGUAGE plother (FROM SQL WITH FUNCTION pair_from_sql(internal));
