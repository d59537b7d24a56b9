-- Hostile overloads of pg_catalog's functions and operators, each advancing
-- trapped.calls when it runs. tests/pg/sql/search_path.sql plants them in
-- public, the live schema; as part of the target schema they are created in
-- the diff's scratch schema too (and are no difference).
-- The diff's scratch hides the live schema `trapped`: bodies are not checked
-- when created there (a trap called there fails the diff, which the test sees).
SET check_function_bodies = off;

-- Better matches than pg_catalog's own for calls on name or int2 values or
-- int4 literals: chosen even with pg_catalog first in the search path.
CREATE FUNCTION hashtextextended(text, integer) RETURNS bigint LANGUAGE sql
    AS 'SELECT pg_catalog.nextval(''trapped.calls''); SELECT pg_catalog.hashtextextended($1, $2)';
CREATE FUNCTION quote_ident(name) RETURNS text LANGUAGE sql
    AS 'SELECT pg_catalog.nextval(''trapped.calls''); SELECT pg_catalog.quote_ident($1::pg_catalog.text)';
CREATE FUNCTION trap_agg(text, name, text) RETURNS text LANGUAGE sql
    AS 'SELECT pg_catalog.nextval(''trapped.calls''); SELECT CASE WHEN $1 IS NULL THEN $2::pg_catalog.text ELSE $1 OPERATOR(pg_catalog.||) $3 OPERATOR(pg_catalog.||) $2::pg_catalog.text END';
CREATE AGGREGATE string_agg(name, text) (SFUNC = trap_agg, STYPE = text);
CREATE FUNCTION generate_series(integer, smallint) RETURNS SETOF integer LANGUAGE sql
    AS 'SELECT pg_catalog.nextval(''trapped.calls''); SELECT pg_catalog.generate_series($1, $2::pg_catalog.int4)';
CREATE FUNCTION unnest(smallint[]) RETURNS SETOF smallint LANGUAGE sql
    AS 'SELECT pg_catalog.nextval(''trapped.calls''); SELECT pg_catalog.unnest($1)';
CREATE FUNCTION trap_like(name, name) RETURNS boolean LANGUAGE sql
    AS 'SELECT pg_catalog.nextval(''trapped.calls''); SELECT pg_catalog.namelike($1, $2::pg_catalog.text)';
CREATE FUNCTION trap_notlike(name, name) RETURNS boolean LANGUAGE sql
    AS 'SELECT pg_catalog.nextval(''trapped.calls''); SELECT pg_catalog.namenlike($1, $2::pg_catalog.text)';
CREATE OPERATOR ~~ (LEFTARG = name, RIGHTARG = name, FUNCTION = trap_like);
CREATE OPERATOR !~~ (LEFTARG = name, RIGHTARG = name, FUNCTION = trap_notlike);
CREATE FUNCTION trap_concat(name, text) RETURNS text LANGUAGE sql
    AS 'SELECT pg_catalog.nextval(''trapped.calls''); SELECT pg_catalog.textcat($1::pg_catalog.text, $2)';
CREATE OPERATOR || (LEFTARG = name, RIGHTARG = text, FUNCTION = trap_concat);

-- The same signatures as pg_catalog's: chosen when the caller's search_path
-- names pg_catalog after public (the second phase).
CREATE FUNCTION current_schema() RETURNS name LANGUAGE sql
    AS 'SELECT pg_catalog.nextval(''trapped.calls''); SELECT pg_catalog.current_schema()';
CREATE FUNCTION to_regclass(text) RETURNS regclass LANGUAGE sql
    AS 'SELECT pg_catalog.nextval(''trapped.calls''); SELECT pg_catalog.to_regclass($1)';
CREATE FUNCTION pg_advisory_xact_lock(bigint) RETURNS void LANGUAGE sql
    AS 'SELECT pg_catalog.nextval(''trapped.calls''); SELECT pg_catalog.pg_advisory_xact_lock($1)';
CREATE FUNCTION format_type(oid, integer) RETURNS text LANGUAGE sql
    AS 'SELECT pg_catalog.nextval(''trapped.calls''); SELECT pg_catalog.format_type($1, $2)';
CREATE FUNCTION pg_get_constraintdef(oid, boolean) RETURNS text LANGUAGE sql
    AS 'SELECT pg_catalog.nextval(''trapped.calls''); SELECT pg_catalog.pg_get_constraintdef($1, $2)';
CREATE FUNCTION to_char(timestamp, text) RETURNS text LANGUAGE sql
    AS 'SELECT pg_catalog.nextval(''trapped.calls''); SELECT pg_catalog.to_char($1, $2)';
CREATE FUNCTION trap_max(integer, integer) RETURNS integer LANGUAGE sql STRICT
    AS 'SELECT pg_catalog.nextval(''trapped.calls''); SELECT pg_catalog.int4larger($1, $2)';
CREATE AGGREGATE max(integer) (SFUNC = trap_max, STYPE = integer);
CREATE FUNCTION trap_nameeqtext(name, text) RETURNS boolean LANGUAGE sql
    AS 'SELECT pg_catalog.nextval(''trapped.calls''); SELECT pg_catalog.nameeqtext($1, $2)';
CREATE OPERATOR = (LEFTARG = name, RIGHTARG = text, FUNCTION = trap_nameeqtext);
