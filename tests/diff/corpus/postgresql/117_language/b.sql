CREATE TABLE reading (id integer, value integer);
-- plpgsql again, under other names; the functions sort before their language.
CREATE LANGUAGE plother HANDLER plpgsql_call_handler INLINE plpgsql_inline_handler VALIDATOR plpgsql_validator;
COMMENT ON LANGUAGE plother IS 'plpgsql, untrusted';
CREATE TRUSTED LANGUAGE pltrusted HANDLER plpgsql_call_handler;
CREATE FUNCTION double_it(integer) RETURNS integer LANGUAGE plother IMMUTABLE AS $$ BEGIN RETURN $1 * 2; END $$;
CREATE FUNCTION answer() RETURNS integer LANGUAGE pltrusted AS $$ BEGIN RETURN 42; END $$;
ALTER TABLE reading ADD CONSTRAINT even CHECK (double_it(value) % 4 = 0);
