CREATE TABLE reading (id integer, value integer, note text) WITH (fillfactor = 70, toast.autovacuum_enabled = false);
CREATE FUNCTION add_up(integer, integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT $1 + $2';
CREATE FUNCTION take_off(integer, integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT $1 - $2';
CREATE AGGREGATE running_sum(integer) (SFUNC = add_up, STYPE = integer, INITCOND = '0',
    MSFUNC = add_up, MINVFUNC = take_off, MSTYPE = integer, MINITCOND = '0', COMBINEFUNC = add_up, PARALLEL = SAFE);
CREATE AGGREGATE most_common(ORDER BY anyelement) (SFUNC = ordered_set_transition, STYPE = internal,
    FINALFUNC = mode_final, FINALFUNC_EXTRA);
CREATE AGGREGATE rank_of(VARIADIC "any" ORDER BY VARIADIC "any") (SFUNC = ordered_set_transition_multi,
    STYPE = internal, FINALFUNC = rank_final, FINALFUNC_EXTRA, HYPOTHETICAL);
CREATE VIEW typical AS SELECT most_common() WITHIN GROUP (ORDER BY value) AS value, rank_of(5) WITHIN GROUP (ORDER BY value) AS five FROM reading;
