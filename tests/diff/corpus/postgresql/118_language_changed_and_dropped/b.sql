CREATE TRUSTED LANGUAGE plother HANDLER plpgsql_call_handler VALIDATOR plpgsql_validator;
COMMENT ON LANGUAGE plother IS 'now trusted';
CREATE FUNCTION answer() RETURNS integer LANGUAGE plother AS $$ BEGIN RETURN 42; END $$;
CREATE TABLE reading (id integer, value integer);
