CREATE FUNCTION next_code() RETURNS integer LANGUAGE sql AS 'SELECT 42';
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.updated := now(); RETURN NEW; END$$;
CREATE TABLE account (id integer, name text, updated timestamp, code integer DEFAULT next_code());
CREATE TRIGGER account_touch BEFORE UPDATE ON account FOR EACH ROW EXECUTE FUNCTION touch();
COMMENT ON FUNCTION touch() IS 'sets updated';
