CREATE LANGUAGE plother HANDLER plpgsql_call_handler;
CREATE FUNCTION answer() RETURNS integer LANGUAGE plother AS $$ BEGIN RETURN 42; END $$;
CREATE LANGUAGE plold HANDLER plpgsql_call_handler VALIDATOR plpgsql_validator;
COMMENT ON LANGUAGE plold IS 'going';
CREATE FUNCTION old_answer() RETURNS integer LANGUAGE plold AS $$ BEGIN RETURN 41; END $$;
CREATE TABLE reading (id integer, value integer);
