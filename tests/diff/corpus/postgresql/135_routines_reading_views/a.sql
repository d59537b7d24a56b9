CREATE TABLE reading (id integer, value integer);
CREATE VIEW recent AS SELECT id, value FROM reading WHERE id > 100;
CREATE FUNCTION recent_count() RETURNS bigint LANGUAGE sql STABLE BEGIN ATOMIC SELECT count(*) FROM recent; END;
CREATE VIEW summary AS SELECT recent_count() AS recent;
CREATE FUNCTION note() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
CREATE TRIGGER recent_insert INSTEAD OF INSERT ON recent FOR EACH ROW EXECUTE FUNCTION note();
