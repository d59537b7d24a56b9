CREATE TABLE ddl_log (tag text, at timestamptz);
CREATE FUNCTION log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO ddl_log VALUES (tg_tag, now());
END
$$;
CREATE EVENT TRIGGER log_ddl ON ddl_command_end WHEN TAG IN ('CREATE TABLE') EXECUTE FUNCTION log_ddl();
ALTER EVENT TRIGGER log_ddl DISABLE;
CREATE FUNCTION note_start() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN NULL; END $$;
CREATE EVENT TRIGGER note_start ON ddl_command_start EXECUTE FUNCTION note_start();
